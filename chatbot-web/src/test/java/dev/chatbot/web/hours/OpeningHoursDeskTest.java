package dev.chatbot.web.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.chatbot.hours.OpeningHours;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.ConsoleStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpeningHoursDeskTest {

    private final ConsoleStore store = mock(ConsoleStore.class);
    private final OpeningHours configured = OpeningHours.always();
    private final OpeningHours weekdays =
            OpeningHours.parse("Europe/Berlin", Map.of("monday", "09:00-17:00"), Map.of());

    @Test
    void theSavedHoursAreReadOnceForManyMessagesAndASaveAppliesAtOnce() {
        when(store.hours()).thenReturn(Optional.empty());
        OpeningHoursDesk desk = new OpeningHoursDesk(store, configured, mock(AgentAccounts.class), Clock.systemUTC());

        for (int i = 0; i < 1_000; i++) {
            assertThat(desk.current()).isEqualTo(configured);
        }
        // one read per second at most; two allow for the loop straddling a reread
        verify(store, atMost(2)).hours();

        desk.save(weekdays);
        assertThat(desk.current()).isEqualTo(weekdays);
        assertThat(desk.edited()).isTrue();
        verify(store).saveHours(weekdays);
    }

    @Test
    void aStoreThatCannotBeReadMeansTheConfiguredHours() {
        when(store.hours()).thenThrow(new IllegalStateException("store down"));
        OpeningHoursDesk desk = new OpeningHoursDesk(store, configured, mock(AgentAccounts.class), Clock.systemUTC());

        assertThat(desk.current()).isEqualTo(configured);
    }
}
