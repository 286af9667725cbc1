package dev.chatbot.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    // Monday to Friday in Berlin, a lunch break on Friday, Christmas Day closed and a short Christmas Eve
    private static final OpeningHours SHOP = OpeningHours.parse(
            "Europe/Berlin",
            Map.of(
                    "monday",
                    "09:00-17:00",
                    "Tuesday",
                    "09:00-17:00",
                    "wednesday",
                    "09:00-17:00",
                    "thursday",
                    "09:00-17:00",
                    "friday",
                    "09:00-12:00, 13:00-17:00"),
            Map.of("2026-12-24", "09:00-12:00", "2026-12-25", "closed"));

    private static Instant berlin(String localDateTime) {
        return ZonedDateTime.parse(localDateTime + "+01:00[Europe/Berlin]").toInstant();
    }

    @Test
    void isOpenWithinTheDaysSpansInItsZone() {
        assertThat(SHOP.isOpen(berlin("2026-12-07T09:00:00")))
                .as("Monday at opening")
                .isTrue();
        assertThat(SHOP.isOpen(berlin("2026-12-07T16:59:59"))).isTrue();
        assertThat(SHOP.isOpen(berlin("2026-12-07T17:00:00")))
                .as("the end is exclusive")
                .isFalse();
        assertThat(SHOP.isOpen(berlin("2026-12-07T08:30:00"))).isFalse();
        assertThat(SHOP.isOpen(berlin("2026-12-11T12:30:00")))
                .as("Friday's lunch break")
                .isFalse();
        assertThat(SHOP.isOpen(berlin("2026-12-12T10:00:00"))).as("Saturday").isFalse();
        // 08:30 UTC is 09:30 in Berlin
        assertThat(SHOP.isOpen(Instant.parse("2026-12-07T08:30:00Z"))).isTrue();
    }

    @Test
    void exceptionsReplaceTheWeekDay() {
        assertThat(SHOP.isOpen(berlin("2026-12-24T11:00:00"))).isTrue();
        assertThat(SHOP.isOpen(berlin("2026-12-24T13:00:00")))
                .as("short Christmas Eve")
                .isFalse();
        assertThat(SHOP.isOpen(berlin("2026-12-25T10:00:00")))
                .as("Christmas Day, a Friday")
                .isFalse();
    }

    @Test
    void nextOpeningSkipsClosedDaysAndExceptions() {
        assertThat(SHOP.nextOpening(berlin("2026-12-24T15:00:00")).orElseThrow().toLocalDateTime())
                .as("Christmas Eve afternoon: Christmas Day is closed, then a weekend")
                .isEqualTo("2026-12-28T09:00");
        assertThat(SHOP.nextOpening(berlin("2026-12-11T12:15:00")).orElseThrow().toLocalDateTime())
                .as("after Friday's lunch")
                .isEqualTo("2026-12-11T13:00");
        Instant open = berlin("2026-12-07T10:00:00");
        assertThat(SHOP.nextOpening(open).orElseThrow().toInstant())
                .as("open now: now")
                .isEqualTo(open);
        assertThat(OpeningHours.describe(
                        SHOP.nextOpening(berlin("2026-12-12T10:00:00")).orElseThrow()))
                .isEqualTo("Monday 14 December, 09:00 (Europe/Berlin)");
    }

    @Test
    void noScheduleIsAlwaysOpenAndANeverOpenScheduleHasNoNextOpening() {
        assertThat(OpeningHours.always().isOpen(Instant.parse("2026-12-25T03:00:00Z")))
                .isTrue();
        OpeningHours never = OpeningHours.parse("UTC", Map.of(), Map.of());
        assertThat(never.isOpen(Instant.parse("2026-12-07T10:00:00Z"))).isFalse();
        assertThat(never.nextOpening(Instant.parse("2026-12-07T10:00:00Z"))).isEmpty();
    }

    @Test
    void untilMidnightIsWrittenAs24() {
        OpeningHours late = OpeningHours.parse("UTC", Map.of("monday", "18:00-24:00"), Map.of());
        assertThat(late.isOpen(Instant.parse("2026-12-07T23:59:59Z"))).isTrue();
        assertThat(late.weeklyText()).containsEntry("monday", "18:00-24:00").containsEntry("sunday", "closed");
    }

    @Test
    void theTextReadsBackToTheSameSchedule() {
        OpeningHours again = OpeningHours.parse(SHOP.zone().getId(), SHOP.weeklyText(), SHOP.exceptionsText());
        assertThat(again).isEqualTo(SHOP);
        assertThat(SHOP.exceptionsText())
                .containsExactly(Map.entry("2026-12-24", "09:00-12:00"), Map.entry("2026-12-25", "closed"));
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> OpeningHours.parse("Mars/Olympus", Map.of(), Map.of()))
                .hasMessageContaining("zone")
                .hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> OpeningHours.parse("UTC", Map.of("funday", "09:00-17:00"), Map.of()))
                .hasMessageContaining("funday");
        assertThatThrownBy(() -> OpeningHours.parse("UTC", Map.of("monday", "9 to 5"), Map.of()))
                .hasMessageContaining("weekly.monday")
                .hasMessageContaining("9 to 5");
        assertThatThrownBy(() -> OpeningHours.parse("UTC", Map.of("monday", "17:00-09:00"), Map.of()))
                .hasMessageContaining("weekly.monday")
                .hasMessageContaining("end after it starts");
        assertThatThrownBy(() -> OpeningHours.parse("UTC", Map.of("monday", "09:00-13:00,12:00-17:00"), Map.of()))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> OpeningHours.parse("UTC", Map.of(), Map.of("25/12/2026", "closed")))
                .hasMessageContaining("25/12/2026");
    }
}
