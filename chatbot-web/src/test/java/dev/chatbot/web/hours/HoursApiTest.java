package dev.chatbot.web.hours;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.hours.OpeningHours;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.WebTestBase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The opening hours API: ADMINs read and replace them, bad schedules are refused whole, the widget asks availability. */
class HoursApiTest extends WebTestBase {

    @Autowired
    OpeningHoursDesk desk;

    private static Map<String, String> everyDay(String hours) {
        Map<String, String> week = new LinkedHashMap<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            week.put(day, hours);
        }
        return week;
    }

    private static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> MAP =
            new org.springframework.core.ParameterizedTypeReference<>() {};

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object map) {
        return (Map<String, String>) map;
    }

    @AfterEach
    void alwaysOpenAgain() {
        desk.save(OpeningHours.parse("UTC", everyDay("00:00-24:00"), Map.of()));
    }

    @Test
    void anAdminReplacesTheHoursAndBadSchedulesChangeNothing() {
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        Map<String, Object> body = Map.of(
                "zone",
                "Europe/Berlin",
                "weekly",
                Map.of("monday", "09:00-12:00, 13:00-17:00", "friday", "09:00-15:00"),
                "exceptions",
                Map.of("2026-12-25", "closed", "2026-12-24", "09:00-12:00"));
        ConsoleSession.Response saved = admin.put("/api/v1/console/hours", body);
        assertThat(saved.status()).isEqualTo(200);
        Map<String, Object> read = admin.get("/api/v1/console/hours").json();
        assertThat(read)
                .containsEntry("zone", "Europe/Berlin")
                .containsEntry("source", "console")
                .containsEntry("scheduled", true);
        assertThat(strings(read.get("weekly")))
                .containsEntry("monday", "09:00-12:00, 13:00-17:00")
                .containsEntry("tuesday", "closed")
                .containsEntry("friday", "09:00-15:00");
        assertThat(strings(read.get("exceptions")))
                .containsEntry("2026-12-24", "09:00-12:00")
                .containsEntry("2026-12-25", "closed");

        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("zone", "Mars/Olympus", "weekly", Map.of(), "exceptions", Map.of()),
                Map.of("zone", "UTC", "weekly", Map.of("monday", "17:00-09:00"), "exceptions", Map.of()),
                Map.of("zone", "UTC", "weekly", Map.of("someday", "09:00-17:00"), "exceptions", Map.of()),
                Map.of("zone", "UTC", "weekly", Map.of(), "exceptions", Map.of("Christmas", "closed")))) {
            ConsoleSession.Response refused = admin.put("/api/v1/console/hours", bad);
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.body()).contains("\"message\"");
        }
        assertThat(admin.put("/api/v1/console/hours", "not a schedule").status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/console/hours").json())
                .as("nothing changed")
                .isEqualTo(read);
    }

    @Test
    void theWidgetAsksWhetherTheTeamIsIn() {
        desk.save(OpeningHours.parse("UTC", Map.of(), Map.of()));
        Map<String, Object> closed = http.get()
                .uri("/api/v1/availability")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        assertThat(closed)
                .containsEntry("open", false)
                .containsEntry("agentsOnline", false)
                .containsEntry("nextOpening", null);

        desk.save(OpeningHours.parse("UTC", everyDay("00:00-24:00"), Map.of()));
        Map<String, Object> open = http.get()
                .uri("/api/v1/availability")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        assertThat(open)
                .containsEntry("open", true)
                .containsKeys("agentsOnline")
                .containsEntry("nextOpening", null);
    }
}
