package dev.chatbot.web.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.web.testing.Browsers;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.WebTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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
 * A customer rates a conversation an agent resolved, in the widget; the rating shows in the console's Insights under
 * the agent who resolved it. Screenshots: {@code target/screenshots/rating-*.png}.
 */
@Timeout(120)
class RatingBrowserTest extends WebTestBase {

    private static final String QUESTION = "Can you recommend a good plumber for my kitchen sink?";
    private static final String AGENT = "rita";
    private static final String AGENT_PASSWORD = "rita-password-1";

    private static ChromeDriver customer;
    private static ChromeDriver admin;

    @Autowired
    AgentDesk desk;

    @BeforeAll
    static void startBrowsers() {
        customer = Browsers.start();
        admin = Browsers.start();
    }

    @AfterAll
    static void stopBrowsers() {
        Browsers.quit(customer);
        Browsers.quit(admin);
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
    void aRatingGivenInTheWidgetAppearsInInsightsUnderTheAgent() {
        ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD)
                .post("/api/v1/console/agents", Map.of("username", AGENT, "password", AGENT_PASSWORD, "role", "AGENT"));

        customer.get(baseUrl() + "/");
        customer.executeScript("localStorage.clear(); sessionStorage.clear();");
        customer.navigate().refresh();
        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-launch")))
                .click();
        WebElement input =
                waiting(customer).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-input")));
        input.sendKeys(QUESTION, Keys.ENTER);
        waiting(customer)
                .until(d -> texts(customer, ".cb-notice").stream()
                        .anyMatch(t -> t.contains("Waiting for a member of our team")));

        // the agent takes it and closes it (the console's own buttons are covered by ConsoleBrowserTest)
        String id = (String) customer.executeScript(
                "return JSON.parse(localStorage.getItem('chatbot:' + location.origin) || '{}').id;");
        ConversationId conversation = ConversationId.of(id);
        assertThat(desk.queue().stream().map(QueueEntry::conversationId)).contains(conversation);
        desk.claim(conversation, AgentId.of(AGENT));
        desk.resolve(conversation, AgentId.of(AGENT));

        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-stars button[data-score='4']")))
                .click();
        customer.findElement(By.cssSelector(".cb-rating input")).sendKeys("Rita sorted it out quickly");
        Browsers.screenshot(customer, "rating-widget");
        customer.findElement(By.cssSelector(".cb-rate-send")).click();
        waiting(customer)
                .until(d -> texts(customer, ".cb-notice").stream()
                        .anyMatch(t -> t.contains("Thanks for rating this conversation 4 of 5")));
        assertThat(customer.findElements(By.cssSelector(".cb-rating"))).isEmpty();

        // after a reload the history says it was rated: no second rating is asked (the widget stays open)
        customer.navigate().refresh();
        waiting(customer)
                .until(d -> texts(customer, ".cb-notice").stream()
                        .anyMatch(t -> t.contains("Thanks for rating this conversation 4 of 5")));
        assertThat(customer.findElements(By.cssSelector(".cb-rating")))
                .as("no second rating asked")
                .isEmpty();

        admin.get(baseUrl() + "/console");
        waiting(admin).until(ExpectedConditions.urlContains("/login"));
        admin.findElement(By.name("username")).sendKeys(ADMIN);
        admin.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD, Keys.ENTER);
        Browsers.awaitPageReady(waiting(admin));
        waiting(admin)
                .until(ExpectedConditions.elementToBeClickable(By.id("view-insights")))
                .click();
        waiting(admin)
                .until(d -> "true".equals(d.findElement(By.id("insights-view")).getAttribute("data-loaded")));
        waiting(admin)
                .until(d ->
                        texts(admin, "#ratings-by-agent tr").stream().anyMatch(t -> t.startsWith(AGENT + "\t1\t4.00")));
        assertThat(texts(admin, "#ratings-summary").get(0)).contains("4: 1");
        Browsers.screenshot(admin, "rating-insights");
    }
}
