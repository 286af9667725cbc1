package dev.chatbot.web.console.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.web.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the insights period is read from the query (no Spring needed). */
class InsightsPeriodTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T20:30:00Z"), ZoneOffset.UTC);

    private static Instant[] period(String from, String to) {
        return InsightsHandler.period(Optional.ofNullable(from), Optional.ofNullable(to), CLOCK, ZoneOffset.UTC);
    }

    @Test
    void defaultsToTheLastThirtyDaysWithTodayIncluded() {
        assertThat(period(null, null))
                .containsExactly(Instant.parse("2026-10-29T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z"));
    }

    @Test
    void readsDatesAsWholeUtcDaysWithTheLastDayIncluded() {
        assertThat(period("2026-11-01", "2026-11-30"))
                .containsExactly(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(period("2026-11-27", "2026-11-27"))
                .containsExactly(Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z"));
    }

    @Test
    void readsDatesAsTheShopsDaysInItsTimeZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(InsightsHandler.period(Optional.of("2026-11-01"), Optional.of("2026-11-30"), CLOCK, berlin))
                .containsExactly(Instant.parse("2026-10-31T23:00:00Z"), Instant.parse("2026-11-30T23:00:00Z"));
        // 20:30 UTC is already tomorrow in Tokyo: the default period ends with the shop's today
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        assertThat(InsightsHandler.period(Optional.empty(), Optional.empty(), CLOCK, tokyo)[1])
                .isEqualTo(Instant.parse("2026-11-28T15:00:00Z"));
        assertThat(InsightsHandler.day(Instant.parse("2026-11-27T20:30:00Z"), tokyo))
                .isEqualTo("2026-11-28");
    }

    @Test
    void takesInstantsAsTheyAre() {
        assertThat(period("2026-11-27T08:00:00Z", "2026-11-27T09:00:00Z"))
                .containsExactly(Instant.parse("2026-11-27T08:00:00Z"), Instant.parse("2026-11-27T09:00:00Z"));
    }

    @Test
    void refusesBadDatesAndPeriodsThatEndBeforeTheyStart() {
        for (String[] bad : new String[][] {
            {"yesterday", null},
            {null, "2026-02-30"},
            {"2026-11-27T08:00", null},
            {"2026-11-28", "2026-11-27"},
            {"2026-11-27T09:00:00Z", "2026-11-27T09:00:00Z"}
        }) {
            assertThatThrownBy(() -> period(bad[0], bad[1]))
                    .as(String.join(" ", String.valueOf(bad[0]), String.valueOf(bad[1])))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> assertThat(e.status().value()).isEqualTo(400));
        }
    }
}
