package dev.chatbot.web.console;

import static dev.chatbot.web.console.HandoffJourney.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.testing.Browsers;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.WebTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Teams in real browsers: an admin defines the billing and orders teams in the console and puts agents in them; a
 * customer's billing question that ends with "talk to a person" reaches the billing agent first (the orders agent
 * does not see it), and the billing agent's transfer moves it, with its note, to the orders agent. A question in
 * Japanese, a language the FAQ does not cover, is not guessed at: it escalates as UNSUPPORTED_LANGUAGE and reaches
 * the agent who declared Japanese. Screenshots:
 * {@code target/screenshots/teams-*.png}.
 */
@Timeout(120)
class ConsoleTeamsBrowserTest extends WebTestBase {

    private static final String PASSWORD = "password-of-a-team-agent";
    private static final String BILLING_QUESTION = "I was charged twice";
    private static final String NOTE = "Refund checked; they also want to know where the parcel is";

    private static ChromeDriver customer;
    private static ChromeDriver billing;
    private static ChromeDriver orders;

    @Autowired
    TranscriptStore store;

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String bella = "bella-" + suffix;
    private final String otto = "otto-" + suffix;
    private final String yuki = "yuki-" + suffix;

    @BeforeAll
    static void startBrowsers() {
        customer = Browsers.start();
        billing = Browsers.start();
        orders = Browsers.start();
    }

    @AfterAll
    static void stopBrowsers() {
        Browsers.quit(customer);
        Browsers.quit(billing);
        Browsers.quit(orders);
    }

    /** The teams go again: the application context, and so the console store, is shared with the other tests. */
    @AfterEach
    void removeTheTeams() {
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        admin.request("DELETE", "/api/v1/console/teams/billing");
        admin.request("DELETE", "/api/v1/console/teams/orders");
        admin.post("/api/v1/console/agents/" + bella + "/disable", null);
        admin.post("/api/v1/console/agents/" + otto + "/disable", null);
        admin.post("/api/v1/console/agents/" + yuki + "/disable", null);
    }

    private static WebDriverWait waiting(ChromeDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.pollingEvery(Duration.ofMillis(50));
        return wait;
    }

    private void logIn(ChromeDriver browser, String username, String password) {
        browser.get(baseUrl() + "/login");
        browser.manage().deleteAllCookies(); // a fresh session, whoever was logged in before
        browser.get(baseUrl() + "/console");
        waiting(browser).until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.name("username")).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(password, Keys.ENTER);
        Browsers.awaitPageReady(waiting(browser));
    }

    private void adminDefinesTheTeamsInTheConsole() {
        ConsoleSession api = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        for (String name : List.of(bella, otto)) {
            assertThat(api.post(
                                    "/api/v1/console/agents",
                                    Map.of("username", name, "password", PASSWORD, "role", "AGENT"))
                            .status())
                    .isEqualTo(201);
        }
        logIn(billing, ADMIN, ADMIN_PASSWORD);
        for (String team : List.of("billing", "orders")) {
            billing.findElement(By.id("new-team")).sendKeys(team, Keys.ENTER);
            waiting(billing)
                    .until(d -> !d.findElements(By.cssSelector("#teams li[data-team='" + team + "']"))
                            .isEmpty());
        }
        putInTeam(bella, "billing");
        putInTeam(otto, "orders");
        waiting(billing)
                .until(d -> texts(billing, "#teams li[data-team='billing']").stream()
                        .anyMatch(t -> t.contains(bella)));
        Browsers.screenshot(billing, "teams-admin");
        billing.findElement(By.cssSelector("#logout button")).click();
        waiting(billing).until(ExpectedConditions.urlContains("/login"));
    }

    private void putInTeam(String agent, String team) {
        WebElement form =
                waiting(billing).until(d -> d.findElement(By.cssSelector("form[data-agent='" + agent + "']")));
        WebElement teams = form.findElement(By.cssSelector(".routing-teams"));
        teams.clear();
        teams.sendKeys(team, Keys.ENTER);
        waiting(billing)
                .until(d -> texts(billing, "#teams li[data-team='" + team + "']").stream()
                        .anyMatch(t -> t.contains(agent)));
    }

    @Test
    void aBillingQuestionReachesTheBillingTeamFirstAndATransferMovesItWithItsNote() {
        adminDefinesTheTeamsInTheConsole();
        logIn(billing, bella, PASSWORD);
        logIn(orders, otto, PASSWORD);

        customer.get(baseUrl() + "/");
        customer.executeScript("localStorage.clear(); sessionStorage.clear();");
        customer.navigate().refresh();
        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-launch")))
                .click();
        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-input")))
                .sendKeys(BILLING_QUESTION, Keys.ENTER);
        waiting(customer)
                .until(d -> texts(customer, ".cb-bot").stream().anyMatch(t -> t.contains("pending authorisation")));
        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-human")))
                .click();

        waiting(billing).until(d -> texts(billing, ".queue-item .q-last").contains(BILLING_QUESTION));
        assertThat(texts(billing, ".queue-item").get(0))
                .as("the billing team's own first")
                .contains(BILLING_QUESTION)
                .contains("team billing")
                .contains("yours");
        ConsoleSession ordersApi = ConsoleSession.login(baseUrl(), otto, PASSWORD);
        assertThat(ordersApi.get("/api/v1/console/queue").body())
                .as("not shown to the orders team")
                .doesNotContain(BILLING_QUESTION);
        assertThat(texts(orders, ".queue-item .q-last")).doesNotContain(BILLING_QUESTION);
        Browsers.screenshot(billing, "teams-billing-queue");

        billing.findElement(By.id("claim-next")).click();
        waiting(billing).until(d -> texts(billing, "#conv-state").contains("with an agent"));
        assertThat(texts(billing, "#transcript .ev-customer .ev-text")).contains(BILLING_QUESTION);
        assertThat(texts(billing, "#transcript .ev-bot .ev-text"))
                .as("the context, as on every claim")
                .anyMatch(t -> t.contains("pending authorisation"));

        waiting(billing).until(ExpectedConditions.elementToBeClickable(By.id("transfer-to")));
        new Select(billing.findElement(By.id("transfer-to"))).selectByValue("agent:" + otto);
        billing.findElement(By.id("transfer-note")).sendKeys(NOTE);
        billing.findElement(By.id("transfer-send")).click();
        waiting(billing).until(d -> texts(billing, "#conv-state").contains("waiting for an agent"));

        waiting(orders).until(d -> texts(orders, ".queue-item .q-last").contains(BILLING_QUESTION));
        assertThat(texts(orders, ".queue-item").get(0))
                .contains("for " + otto)
                .contains("yours")
                .contains("Note from " + bella + ": " + NOTE);
        Browsers.screenshot(orders, "teams-transferred");
        orders.findElement(By.id("claim-next")).click();
        waiting(orders).until(d -> texts(orders, "#conv-state").contains("with an agent"));
        assertThat(texts(orders, "#transcript .ev-Transferred .ev-text"))
                .singleElement()
                .satisfies(t -> assertThat(t)
                        .contains("transferred the conversation to " + otto)
                        .contains(NOTE));

        List<StoredEvent> log =
                store.read(store.conversations().get(store.conversations().size() - 1), 0);
        assertThat(log)
                .extracting(e -> e.event().type())
                .containsSubsequence("BotAnswered", "Escalated", "Claimed", "Transferred", "Claimed");
        assertThat(log)
                .map(StoredEvent::event)
                .filteredOn(TranscriptEvent.Escalated.class::isInstance)
                .singleElement()
                .extracting(e -> ((TranscriptEvent.Escalated) e).team())
                .isEqualTo("billing");
    }

    @Test
    void aJapaneseQuestionEscalatesAsAnUnsupportedLanguageToTheAgentWhoSpeaksIt() {
        String question = "注文した商品がまだ届いていません。どうすればいいですか？";
        ConsoleSession admin = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        assertThat(admin.post("/api/v1/console/agents", Map.of("username", yuki, "password", PASSWORD, "role", "AGENT"))
                        .status())
                .isEqualTo(201);
        assertThat(admin.put(
                                "/api/v1/console/agents/" + yuki + "/routing",
                                Map.of("teams", List.of(), "languages", List.of("ja")))
                        .status())
                .isEqualTo(200);
        logIn(orders, yuki, PASSWORD);

        customer.get(baseUrl() + "/");
        customer.executeScript("localStorage.clear(); sessionStorage.clear();");
        customer.navigate().refresh();
        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-launch")))
                .click();
        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-input")))
                .sendKeys(question, Keys.ENTER);
        waiting(customer)
                .until(d -> texts(customer, ".cb-notice").stream()
                        .anyMatch(t -> t.contains("Waiting for a member of our team")));
        assertThat(texts(customer, ".cb-bot")).as("no guessed answer").noneMatch(t -> t.contains("parcel"));

        waiting(orders).until(d -> texts(orders, ".queue-item .q-last").contains(question));
        String item = texts(orders, ".queue-item").stream()
                .filter(t -> t.contains(question))
                .findFirst()
                .orElseThrow();
        assertThat(item)
                .contains("unsupported language")
                .contains("language ja")
                .contains("yours");
        Browsers.screenshot(orders, "teams-japanese-queue");
        orders.findElement(By.id("claim-next")).click();
        waiting(orders).until(d -> texts(orders, "#conv-state").contains("with an agent"));
        assertThat(texts(orders, "#transcript .ev-customer .ev-who")).anyMatch(t -> t.contains("ja"));

        List<StoredEvent> log =
                store.read(store.conversations().get(store.conversations().size() - 1), 0);
        assertThat(log)
                .map(StoredEvent::event)
                .filteredOn(TranscriptEvent.Escalated.class::isInstance)
                .singleElement()
                .satisfies(
                        e -> assertThat(((TranscriptEvent.Escalated) e).reason().name())
                                .isEqualTo("UNSUPPORTED_LANGUAGE"));
        assertThat(log)
                .map(StoredEvent::event)
                .filteredOn(TranscriptEvent.MessageReceived.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((TranscriptEvent.MessageReceived) e).guesses())
                        .isEmpty());
    }
}
