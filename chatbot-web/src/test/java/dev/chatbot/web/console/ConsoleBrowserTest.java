package dev.chatbot.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.ConversationService;
import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.channel.ChannelConversations;
import dev.chatbot.web.testing.Browsers;
import dev.chatbot.web.testing.WebTestBase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The handoff end to end on one instance, in two browser sessions (customer widget and agent console).
 * Screenshots: {@code target/screenshots/console-*.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(90)
class ConsoleBrowserTest extends WebTestBase {

    private static ChromeDriver customer;
    private static ChromeDriver agent;

    @Autowired
    TranscriptStore store;

    @Autowired
    ChannelConversations channelConversations;

    @Autowired
    ConversationService conversations;

    @Autowired
    AgentDesk desk;

    /**
     * The console shows the first page of the queue (the longest waiting); the other tests of the shared context
     * leave conversations waiting, so the queue is emptied first and the journeys' customers are seen at once.
     */
    @BeforeEach
    void emptyTheQueue() {
        for (QueueEntry waiting : desk.queue()) {
            desk.resolve(waiting.conversationId(), AgentId.of(ADMIN));
        }
    }

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

    private HandoffJourney journey() {
        return new HandoffJourney(customer, baseUrl(), agent, baseUrl(), "console-");
    }

    @Test
    @Order(1)
    void anAgentTakesOverLiveLabelsTheMessageAndHandsBackToTheBot() {
        HandoffJourney journey = journey();
        journey.agentLogsIn(ADMIN, ADMIN_PASSWORD);
        journey.customerOpensTheShop();
        journey.customerIsHandedOverAndTheAgentSeesItLive();
        journey.agentClaimsIt();
        journey.agentRepliesAndTheCustomerSeesItLive("Hi, I'm Sam from the shop team. We don't do plumbing, sorry!");
        journey.agentInsertsAnFaqAnswerAndSendsIt();
        journey.agentLabelsTheMessage("plumbing_referral");
        journey.agentHandsBack();
        journey.theBotAnswersTheNextShopQuestion();

        List<StoredEvent> log =
                store.read(store.conversations().get(store.conversations().size() - 1), 0);
        assertThat(log)
                .extracting(e -> e.event().type())
                .containsSubsequence(
                        "Escalated",
                        "Claimed",
                        "AgentReplied",
                        "AgentReplied",
                        "Labelled",
                        "HandedBack",
                        "MessageReceived",
                        "BotAnswered");
        assertThat(log)
                .map(StoredEvent::event)
                .filteredOn(TranscriptEvent.Labelled.class::isInstance)
                .extracting(e -> ((TranscriptEvent.Labelled) e).intent())
                .containsExactly(IntentName.of("plumbing_referral"));
    }

    @Test
    @Order(2)
    void customerMarkupIsShownAsTextInTheConsole() {
        journey().markupFromACustomerIsShownAsText();
    }

    @Test
    @Order(3)
    void anAdminErasesACustomerOnlyAfterConfirmingInTheConsole() {
        ChannelAddress customer = new ChannelAddress(
                "telegram", "browser-" + UUID.randomUUID().toString().substring(0, 8));
        MessageId message = MessageId.of("m-" + UUID.randomUUID());
        ConversationId id = channelConversations.conversationFor(customer, message, "en");
        conversations.receive(id, message, "What are your opening hours?");
        WebDriverWait wait = new WebDriverWait(agent, Duration.ofSeconds(60));

        agent.findElement(By.id("erase-target")).sendKeys(customer.toString());
        agent.findElement(By.cssSelector("#erase-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("erase-confirm")));
        assertThat(agent.findElement(By.id("erase-list")).getText()).contains(id.value());
        agent.findElement(By.id("erase-no")).click();
        wait.until(ExpectedConditions.textToBe(By.id("erase-status"), "Nothing was erased."));
        assertThat(store.read(id, 0)).isNotEmpty();

        agent.findElement(By.cssSelector("#erase-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("erase-yes")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("erase-status"), "Erased 1 conversation"));
        Browsers.screenshot(agent, "console-erased");
        assertThat(store.read(id, 0)).isEmpty();
    }
}
