package dev.chatbot.web.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.QueueNotices;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.web.testing.Browsers;
import dev.chatbot.web.testing.WebTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A waiting customer is offered to leave a message (the offer the handoff watcher sends after the wait limit, told
 * here at once), fills in the widget's form, and the agent sees the details unredacted in the console while the
 * message in the transcript stays redacted. Screenshots: {@code target/screenshots/contact-*.png}.
 */
@Timeout(120)
class ContactFormBrowserTest extends WebTestBase {

    private static final String QUESTION = "Can you recommend a good plumber for my kitchen sink?";
    private static final String OFFER = "Sorry for the wait. If you prefer, leave your message and how to reach you "
            + "here, and we will get back to you as soon as we can.";
    private static final String PHONE = "+49 170 7654321";
    private static final String EMAIL = "kim.lee@mail.example.com";

    private static ChromeDriver customer;
    private static ChromeDriver agent;

    @Autowired
    AgentDesk desk;

    @Autowired
    QueueNotices notices;

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
    void detailsLeftInTheWidgetReachTheAgentUnredactedWhileTheTranscriptStaysRedacted() {
        for (QueueEntry waiting : desk.queue()) { // the console's first page should show this customer at once
            desk.resolve(waiting.conversationId(), AgentId.of(ADMIN));
        }
        customer.get(baseUrl() + "/");
        customer.executeScript("localStorage.clear(); sessionStorage.clear();");
        customer.navigate().refresh();
        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-launch")))
                .click();
        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-input")))
                .sendKeys(QUESTION, Keys.ENTER);
        waiting(customer)
                .until(d -> texts(customer, ".cb-notice").stream()
                        .anyMatch(t -> t.contains("Waiting for a member of our team")));
        assertThat(customer.findElements(By.cssSelector(".cb-contact"))).isEmpty();

        String id = (String) customer.executeScript(
                "return JSON.parse(localStorage.getItem('chatbot:' + location.origin) || '{}').id;");
        assertThat(notices.tellOnce(ConversationId.of(id), OFFER)).isTrue();

        waiting(customer).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cb-contact")));
        // neither an e-mail nor a phone: the widget asks for one and sends nothing
        customer.findElement(By.cssSelector(".cb-contact textarea")).sendKeys("Anything?");
        customer.findElement(By.cssSelector(".cb-contact-send")).click();
        waiting(customer)
                .until(d ->
                        texts(customer, ".cb-error").stream().anyMatch(t -> t.contains("e-mail address or a phone")));

        customer.findElement(By.cssSelector(".cb-contact input[type=text]")).sendKeys("Kim Lee");
        customer.findElement(By.cssSelector(".cb-contact input[type=email]")).sendKeys(EMAIL);
        customer.findElement(By.cssSelector(".cb-contact input[type=tel]")).sendKeys(PHONE);
        customer.findElement(By.cssSelector(".cb-contact textarea"))
                .sendKeys(" My sink leaks, please call me on " + PHONE);
        Browsers.screenshot(customer, "contact-widget-form");
        customer.findElement(By.cssSelector(".cb-contact-send")).click();
        waiting(customer)
                .until(d -> texts(customer, ".cb-notice").stream().anyMatch(t -> t.contains("we have your details")));
        assertThat(customer.findElements(By.cssSelector(".cb-contact"))).isEmpty();
        waiting(customer)
                .until(d -> texts(customer, ".cb-customer").stream().anyMatch(t -> t.contains("My sink leaks")));
        assertThat(String.join("\n", texts(customer, ".cb-customer"))).doesNotContain("7654321");

        agent.get(baseUrl() + "/console");
        waiting(agent).until(ExpectedConditions.urlContains("/login"));
        agent.findElement(By.name("username")).sendKeys(ADMIN);
        agent.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD, Keys.ENTER);
        Browsers.awaitPageReady(waiting(agent));
        String item = ".queue-item[data-conversation-id='" + id + "']";
        waiting(agent).until(ExpectedConditions.elementToBeClickable(By.cssSelector(item)));
        waiting(agent).until(d -> {
            d.findElement(By.cssSelector(item)).click();
            return true;
        });
        waiting(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("conv-details")));
        assertThat(agent.findElement(By.id("conv-details")).getText())
                .contains("Kim Lee")
                .contains(EMAIL)
                .contains(PHONE);
        waiting(agent)
                .until(d -> texts(agent, "#transcript .ev-customer .ev-text").stream()
                        .anyMatch(t -> t.contains("My sink leaks")));
        String transcript = String.join("\n", texts(agent, "#transcript"));
        assertThat(transcript).contains("[phone]").doesNotContain("7654321").doesNotContain(EMAIL);
        Browsers.screenshot(agent, "contact-console");
    }
}
