package dev.chatbot.web.console.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.ConversationService;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.testing.Browsers;
import dev.chatbot.web.testing.WebTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
import org.springframework.core.env.Environment;

/**
 * An admin uses the insights and unmet-needs views in a real browser. Screenshots:
 * {@code target/screenshots/insights.png} and {@code unmet-needs.png}.
 */
@Timeout(90)
class InsightsBrowserTest extends WebTestBase {

    private static ChromeDriver browser;

    @Autowired
    ConversationService conversations;

    @BeforeAll
    static void startBrowser() {
        browser = Browsers.start();
    }

    @AfterAll
    static void stopBrowser() {
        Browsers.quit(browser);
    }

    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.pollingEvery(Duration.ofMillis(50));
        return wait;
    }

    private void talk(String text, boolean helpful) {
        ConversationId id = conversations.start("web", "en");
        conversations.receive(id, MessageId.of("m-" + UUID.randomUUID()), text);
        conversations.feedback(id, helpful, "");
    }

    @Test
    void anAdminSeesTheChartsAndReachesTheUnmetNeedsByKeyboard() {
        talk("What are your opening hours?", true);
        talk("What are your opening hours?", false);
        talk("Can you recommend a good plumber for my kitchen sink?", false);

        logIn();
        waiting()
                .until(ExpectedConditions.elementToBeClickable(By.id("view-insights")))
                .click();
        waiting().until(d -> "true".equals(d.findElement(By.id("insights-view")).getAttribute("data-loaded")));

        assertThat(browser.findElement(By.cssSelector("main.layout")).isDisplayed())
                .isFalse();
        assertThat(browser.findElements(By.cssSelector("#containment-chart svg[role=img]")))
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#reasons-chart svg rect.bar")))
                .as("one bar per escalation reason")
                .hasSize(dev.chatbot.transcript.EscalationReason.values().length);
        assertThat(browser.findElement(By.cssSelector("#intents-chart svg")).getAttribute("aria-label"))
                .contains("opening_hours");
        assertThat(browser.findElements(By.cssSelector("#models tr"))).isNotEmpty();
        assertThat(browser.findElement(By.id("models")).getText()).contains("(current)");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("insights-heading");
        Browsers.screenshot(browser, "insights");

        browser.switchTo().activeElement().sendKeys(Keys.chord(Keys.ALT, "u"));
        waiting().until(d -> "true".equals(d.findElement(By.id("unmet-view")).getAttribute("data-loaded")));
        assertThat(browser.findElement(By.id("insights-view")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("unmet-status")).getText()).contains("escalated messages");
    }

    @Test
    void anAdminTurnsAGroupIntoAnIntentWithTheKeyboard() throws Exception {
        long escalated = BICYCLES.stream()
                .map(this::ask)
                .filter(r -> r.equals(Optional.of(EscalationReason.LOW_CONFIDENCE)))
                .count();
        assertThat(escalated).as("bicycle questions the bot cannot answer").isGreaterThanOrEqualTo(3);

        logIn();
        browser.findElement(By.tagName("body")).sendKeys(Keys.chord(Keys.ALT, "u"));
        waiting().until(d -> "true".equals(d.findElement(By.id("unmet-view")).getAttribute("data-loaded")));
        WebElement group = browser.findElements(By.cssSelector("#unmet-groups > li")).stream()
                .filter(g -> BICYCLES.stream()
                        .anyMatch(g.findElement(By.cssSelector("textarea[id$=examples]"))
                                .getAttribute("value")::contains))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no group of the bicycle questions"));
        Browsers.screenshot(browser, "unmet-needs");
        String name = "bicycle_repair_" + System.nanoTime() % 1_000_000;
        WebElement nameField = group.findElement(By.cssSelector("input[id$=name]"));
        nameField.clear();
        nameField.sendKeys(name, Keys.TAB, "We sell homeware only and do not repair bicycles, sorry.");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).endsWith("answer");
        nameField.sendKeys(Keys.ENTER);
        waiting()
                .until(d -> group.findElement(By.className("group-status"))
                        .getText()
                        .contains("Created " + name));
        assertThat(Files.readString(Path.of(environment.getProperty("chatbot.learning.intents-dir"), name + ".yml")))
                .contains("bicycle");
    }

    private static final List<String> BICYCLES = List.of(
            "Do you repair bicycles?",
            "Can you fix my bicycle?",
            "Do you offer bicycle repairs?",
            "Could you repair my bike's flat tyre?");

    @Autowired
    Environment environment;

    private Optional<EscalationReason> ask(String text) {
        ConversationId id = conversations.start("web", "en");
        return conversations
                .receive(id, MessageId.of("m-" + UUID.randomUUID()), text)
                .escalation();
    }

    private void logIn() {
        browser.manage().deleteAllCookies();
        browser.get(baseUrl() + "/console");
        waiting().until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.name("username")).sendKeys(ADMIN);
        browser.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD, Keys.ENTER);
        Browsers.awaitPageReady(waiting());
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("views")));
    }
}
