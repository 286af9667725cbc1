package dev.chatbot.web.hours;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.hours.OpeningHours;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.Presence;
import dev.chatbot.web.testing.Browsers;
import dev.chatbot.web.testing.TestClock;
import dev.chatbot.web.testing.WebTestBase;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Opening hours end to end on a simulated clock: an admin sets the hours in the console; a customer who needs a person
 * at night is told when the team is back and offered to leave a message, not to wait; when the hours start that
 * conversation is first in the agent's queue. Screenshots: {@code target/screenshots/hours-*.png}.
 */
@Timeout(120)
class OpeningHoursBrowserTest extends WebTestBase {

    private static final String NIGHT_QUESTION = "Can you recommend a good plumber for my kitchen sink?";
    private static final String LEFT_MESSAGE =
            "Please call me back tomorrow about the sink, my number is in my account.";
    private static final String DAY_QUESTION = "I need to speak to a real person please";

    private static ChromeDriver customer;
    private static ChromeDriver agent;

    @Autowired
    TestClock clock;

    @Autowired
    AgentDesk desk;

    @Autowired
    OpeningHoursDesk hours;

    @BeforeAll
    static void startBrowsers() {
        customer = Browsers.start();
        agent = Browsers.start();
    }

    @AfterAll
    static void stopBrowsers() {
        Browsers.quit(customer);
        Browsers.quit(agent);
    }

    @Autowired
    TranscriptStore store;

    @Autowired
    AgentAccounts accounts;

    /**
     * Every other test runs with the real time and the team always in, and sees nothing of the simulated day: its
     * conversations are deleted and the admin's presence report from it is replaced.
     */
    @AfterEach
    void backToRealTime() {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        store.delete(store.conversations(
                tomorrow.atStartOfDay(ZoneOffset.UTC).toInstant(),
                tomorrow.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        clock.reset();
        accounts.report(AgentId.of(ADMIN), Presence.Status.AWAY);
        Map<String, String> allDay = new java.util.LinkedHashMap<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            allDay.put(day, "00:00-24:00");
        }
        hours.save(OpeningHours.parse("UTC", allDay, Map.of()));
    }

    private static WebDriverWait waiting(ChromeDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.pollingEvery(Duration.ofMillis(50));
        return wait;
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(ChromeDriver browser, String css) {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(function (e) { return e.innerText; });",
                css);
    }

    @Test
    void aCustomerAtNightIsToldWhenTheTeamIsBackAndIsFirstInTheQueueWhenHoursStart() {
        // what earlier tests left waiting would otherwise be first in line
        for (QueueEntry waiting : desk.queue()) {
            desk.claim(waiting.conversationId(), AgentId.of(ADMIN));
            desk.resolve(waiting.conversationId(), AgentId.of(ADMIN));
        }
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        clock.moveTo(tomorrow.atTime(LocalTime.of(7, 0)).toInstant(ZoneOffset.UTC));

        // the admin sets the hours in the console: every day 09:00-17:00 UTC, so the simulated day does not matter
        agent.get(baseUrl() + "/console");
        waiting(agent).until(ExpectedConditions.urlContains("/login"));
        agent.findElement(By.name("username")).sendKeys(ADMIN);
        agent.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD, Keys.ENTER);
        Browsers.awaitPageReady(waiting(agent));
        WebElement zone = waiting(agent).until(ExpectedConditions.elementToBeClickable(By.id("hours-zone")));
        zone.clear();
        zone.sendKeys("UTC");
        for (WebElement day : agent.findElements(By.cssSelector(".hours-day"))) {
            day.clear();
            day.sendKeys("09:00-17:00");
        }
        agent.findElement(By.id("hours-exceptions")).clear();
        agent.findElement(By.id("hours-save")).click();
        waiting(agent).until(d -> texts(agent, "#hours-status").contains("Saved."));
        assertThat(texts(agent, "#hours-source")).containsExactly("Saved in the console.");
        Browsers.screenshot(agent, "hours-console");

        // 07:00: the widget says the team is away and when it is back
        customer.get(baseUrl() + "/");
        customer.executeScript("localStorage.clear(); sessionStorage.clear();");
        customer.navigate().refresh();
        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-launch")))
                .click();
        String back = tomorrow.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                + " " + tomorrow.getDayOfMonth() + " ";
        waiting(customer)
                .until(d -> texts(customer, ".cb-status").stream()
                        .anyMatch(t -> t.startsWith("Team away") && t.contains(back) && t.contains("09:00 (UTC)")));

        // the bot cannot answer; instead of a wait the customer hears when the team is back and may leave a message
        ask(NIGHT_QUESTION);
        waiting(customer)
                .until(d -> texts(customer, ".cb-bot").stream()
                        .anyMatch(t -> t.contains("back on " + back)
                                && t.contains("09:00 (UTC)")
                                && t.contains("leave your message")));
        waiting(customer).until(d -> texts(customer, ".cb-notice").stream().anyMatch(t -> t.contains("first in line")));
        assertThat(texts(customer, ".cb-notice")).noneMatch(t -> t.contains("Waiting for a member of our team"));
        ask(LEFT_MESSAGE);
        assertThat(texts(customer, ".cb-bot"))
                .as("no 'someone will be with you shortly' at night")
                .noneMatch(t -> t.contains("shortly"));
        Browsers.screenshot(customer, "hours-customer-at-night");

        // 09:00: the team is back; a daytime customer waits as usual, behind the night one
        clock.moveTo(tomorrow.atTime(LocalTime.of(9, 0, 30)).toInstant(ZoneOffset.UTC));
        customer.executeScript("localStorage.clear(); sessionStorage.clear();");
        customer.navigate().refresh();
        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-launch")))
                .click();
        waiting(customer)
                .until(d -> texts(customer, ".cb-status").stream()
                        .anyMatch(t -> t.startsWith("Team ") && !t.startsWith("Team away")));
        ask(DAY_QUESTION);
        waiting(customer)
                .until(d -> texts(customer, ".cb-notice").stream()
                        .anyMatch(t -> t.contains("Waiting for a member of our team")));

        waiting(agent).until(d -> {
            List<String> queue = texts(agent, ".queue-item .q-last");
            return queue.size() == 2
                    && queue.get(0).equals(LEFT_MESSAGE)
                    && queue.get(1).equals(DAY_QUESTION);
        });
        Browsers.screenshot(agent, "hours-queue-in-the-morning");
        agent.findElement(By.id("claim-next")).click();
        waiting(agent)
                .until(d -> texts(agent, "#transcript .ev-customer .ev-text").contains(LEFT_MESSAGE));
        waiting(agent).until(d -> texts(agent, "#conv-state").contains("with an agent"));
        agent.findElement(By.id("resolve")).click();
        waiting(agent).until(d -> texts(agent, "#conv-state").contains("closed"));
        for (QueueEntry waiting : desk.queue()) { // leave the queue tidy
            desk.claim(waiting.conversationId(), AgentId.of(ADMIN));
            desk.resolve(waiting.conversationId(), AgentId.of(ADMIN));
        }
    }

    private void ask(String text) {
        WebElement input =
                waiting(customer).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-input")));
        input.sendKeys(text, Keys.ENTER);
        waiting(customer).until(d -> texts(customer, ".cb-customer").contains(text));
    }
}
