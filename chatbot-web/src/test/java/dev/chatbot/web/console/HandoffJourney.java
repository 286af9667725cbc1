package dev.chatbot.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.web.testing.Browsers;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The handoff seen from both sides, in two browser sessions: a customer in the widget on the demo page and an
 * agent in the console (each possibly on a different server instance). Shared by the single-instance and the
 * two-instance tests.
 */
final class HandoffJourney {

    static final String UNANSWERABLE = "Can you recommend a good plumber for my kitchen sink?";
    static final String SHOP_QUESTION = "What are your opening hours?";
    static final String MARKUP = "<img src=x onerror=alert(1)><script>alert(2)</script><b>bold?</b>";

    private final ChromeDriver customer;
    private final ChromeDriver agent;
    private final String customerUrl;
    private final String agentUrl;
    private final String screenshotPrefix;

    HandoffJourney(
            ChromeDriver customer, String customerUrl, ChromeDriver agent, String agentUrl, String screenshotPrefix) {
        this.customer = customer;
        this.agent = agent;
        this.customerUrl = customerUrl;
        this.agentUrl = agentUrl;
        this.screenshotPrefix = screenshotPrefix;
    }

    private static WebDriverWait waiting(ChromeDriver browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.pollingEvery(Duration.ofMillis(50));
        return wait;
    }

    private static WebDriverWait waiting(ChromeDriver browser) {
        return waiting(browser, Duration.ofSeconds(60));
    }

    /** The visible texts of the matching elements, read in one step (the live queue re-renders under us). */
    @SuppressWarnings("unchecked")
    static List<String> texts(ChromeDriver browser, String css) {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(function (e) { return e.innerText; });",
                css);
    }

    /** Runs a step again when the live re-rendering replaced the element it used. */
    private static <T> T retrying(java.util.function.Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    void agentLogsIn(String username, String password) {
        agent.get(agentUrl + "/console");
        waiting(agent).until(ExpectedConditions.urlContains("/login"));
        agent.findElement(By.name("username")).sendKeys(username);
        agent.findElement(By.name("password")).sendKeys(password, Keys.ENTER);
        Browsers.awaitPageReady(waiting(agent));
        waiting(agent).until(d -> texts(agent, "#online").stream().anyMatch(t -> t.contains(username)));
    }

    void customerOpensTheShop() {
        customer.get(customerUrl + "/");
        customer.executeScript("localStorage.clear(); sessionStorage.clear();");
        customer.navigate().refresh();
        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-launch")))
                .click();
    }

    void customerAsks(String text) {
        WebElement input =
                waiting(customer).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-input")));
        input.sendKeys(text, Keys.ENTER);
        waiting(customer).until(d -> texts(customer, ".cb-customer").contains(text));
    }

    /**
     * Asks what the bot cannot answer; the agent's open queue shows it without a reload (a mark left in the agent's
     * document before the question is still there when the queue shows it).
     */
    void customerIsHandedOverAndTheAgentSeesItLive() {
        agent.executeScript("window.sameDocumentMark = 'before the question';");
        customerAsks(UNANSWERABLE);
        waiting(customer)
                .until(d -> texts(customer, ".cb-notice").stream()
                        .anyMatch(t -> t.contains("Waiting for a member of our team")));
        waiting(agent, Duration.ofSeconds(60))
                .until(d -> texts(agent, ".queue-item .q-last").contains(UNANSWERABLE));
        assertThat(agent.executeScript("return window.sameDocumentMark;"))
                .as("the queue showed the escalation without a reload")
                .isEqualTo("before the question");
        retrying(() -> {
            WebElement item = queueItem(UNANSWERABLE);
            assertThat(item.getText()).contains("low confidence").contains("waiting");
            List<String> guesses = item.findElements(By.cssSelector(".q-guess")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(guesses).as("the bot's top three guesses").hasSize(3).allMatch(g -> g.matches(".+ \\d+%"));
            return guesses;
        });
        Browsers.screenshot(agent, screenshotPrefix + "queue");
    }

    private WebElement queueItem(String lastMessage) {
        return agent.findElements(By.cssSelector(".queue-item")).stream()
                .filter(b -> b.findElement(By.cssSelector(".q-last")).getText().equals(lastMessage))
                .findFirst()
                .orElseThrow();
    }

    private void openQueueItem(String lastMessage) {
        retrying(() -> {
            queueItem(lastMessage).click();
            return true;
        });
    }

    void agentClaimsIt() {
        openQueueItem(UNANSWERABLE);
        waiting(agent)
                .until(d -> texts(agent, "#transcript .ev-customer .ev-text").contains(UNANSWERABLE));
        waiting(agent)
                .until(ExpectedConditions.elementToBeClickable(By.id("claim")))
                .click();
        waiting(agent).until(d -> texts(agent, "#conv-state").contains("with an agent"));
        waiting(agent).until(d -> !texts(agent, ".queue-item .q-last").contains(UNANSWERABLE));
        waiting(customer)
                .until(d -> texts(customer, ".cb-notice").stream()
                        .anyMatch(t -> t.contains("A member of our team has joined")));
        Browsers.screenshot(agent, screenshotPrefix + "claimed-conversation");
    }

    void agentRepliesAndTheCustomerSeesItLive(String reply) {
        WebElement box = waiting(agent).until(ExpectedConditions.elementToBeClickable(By.id("reply-text")));
        box.sendKeys(reply);
        box.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER)); // keyboard only
        waiting(customer).until(d -> texts(customer, ".cb-agent").stream().anyMatch(t -> t.contains(reply)));
        waiting(agent).until(d -> texts(agent, "#transcript .ev-agent .ev-text").contains(reply));
    }

    void agentInsertsAnFaqAnswerAndSendsIt() {
        new org.openqa.selenium.support.ui.Select(agent.findElement(By.id("canned"))).selectByValue("opening_hours");
        agent.findElement(By.id("canned-insert")).click();
        assertThat(agent.findElement(By.id("reply-text")).getDomProperty("value"))
                .contains("Monday to Friday");
        agent.findElement(By.id("reply-send")).click();
        waiting(customer)
                .until(d -> texts(customer, ".cb-agent").stream().anyMatch(t -> t.contains("Monday to Friday")));
    }

    void agentLabelsTheMessage(String intent) {
        WebElement message = agent.findElements(By.cssSelector("#transcript .ev-MessageReceived")).stream()
                .filter(li ->
                        li.findElement(By.cssSelector(".ev-text")).getText().equals(UNANSWERABLE))
                .findFirst()
                .orElseThrow();
        WebElement input = message.findElement(By.cssSelector(".label-intent"));
        input.sendKeys(intent, Keys.ENTER);
        waiting(agent)
                .until(d -> message.findElement(By.cssSelector(".ev-label"))
                        .getText()
                        .contains("Labelled " + intent));
    }

    void agentHandsBack() {
        agent.findElement(By.id("hand-back")).click();
        waiting(agent).until(d -> texts(agent, "#conv-state").contains("with the bot"));
        waiting(customer)
                .until(d -> texts(customer, ".cb-notice").stream()
                        .anyMatch(t -> t.contains("chatting with our assistant again")));
    }

    void theBotAnswersTheNextShopQuestion() {
        int before = texts(customer, ".cb-bot").size();
        customerAsks(SHOP_QUESTION);
        waiting(customer).until(d -> {
            List<String> bot = texts(customer, ".cb-bot");
            return bot.size() > before && bot.get(bot.size() - 1).contains("Monday to Friday 9:30-18:00");
        });
        Browsers.screenshot(customer, screenshotPrefix + "customer-back-with-the-bot");
    }

    /** Markup from a customer is text in the queue and the transcript: no element made, nothing run. */
    void markupFromACustomerIsShownAsText() {
        customerOpensTheShop();
        customerAsks(MARKUP);
        customer.findElement(By.cssSelector(".cb-human")).click();
        waiting(agent).until(d -> texts(agent, ".queue-item .q-last").contains(MARKUP));
        openQueueItem(MARKUP);
        waiting(agent)
                .until(d -> texts(agent, "#transcript .ev-customer .ev-text").contains(MARKUP));
        assertThat(agent.findElements(By.cssSelector("#queue img, #queue script, #queue b")))
                .isEmpty();
        assertThat(agent.findElements(By.cssSelector("#transcript img, #transcript script, #transcript b")))
                .isEmpty();
        assertThatThrownBy(() -> agent.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        Browsers.screenshot(agent, screenshotPrefix + "markup-as-text");
        agent.findElement(By.id("resolve")).click(); // leave the queue tidy
        waiting(agent).until(d -> texts(agent, "#conv-state").contains("closed"));
    }
}
