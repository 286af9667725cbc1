package dev.chatbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.redaction.Redactor;
import dev.chatbot.testing.FakeIntentClassifier;
import dev.chatbot.testing.TestFaq;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class StoredTranscriptsContainNoPersonalDataTest {

    private static final List<String> CARDS =
            List.of("4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "6011 0009 9013 9424");
    private static final List<String> EMAILS = List.of(
            "jane.doe+orders@example.com", "max.mustermann@beispiel.de", "o'brien@shop.example.ie".replace("'", ""));
    private static final List<String> PHONES = List.of(
            "+44 20 7946 0958",
            "+1 (415) 555-0132",
            "0049 30 1234567",
            "+33 1 23 45 67 89",
            "+49 (0)30 1234567",
            "020 7946 0958");
    private static final String NOT_A_CARD = "4111 1111 1111 1112";
    /** The shop's own number, given by an agent: the customer must get it as it is. */
    private static final String AGENT_REPLY = "Please call our returns desk on +44 20 7946 0000";

    @TempDir
    Path dir;

    @Test
    void storesNoCardNumberEmailOrPhoneNumberFromCustomersOrFeedbackButKeepsWhatTheAgentWrote() throws Exception {
        Clock clock = Clock.systemUTC();
        FakeIntentClassifier classifier = new FakeIntentClassifier(0.5);
        try (SqliteTranscriptStore store = SqliteTranscriptStore.open(SqliteSettings.defaults(dir))) {
            ConversationService service = new ConversationService(
                    classifier,
                    TestFaq.definitions(),
                    new EscalationPolicy(EscalationSettings.defaults(), TestFaq.definitions()),
                    store,
                    Redactor.defaults(),
                    ConversationSettings.defaults(),
                    clock);
            AgentDesk desk = new AgentDesk(store, clock);
            ConversationId id = service.start("web", "en");
            int n = 0;
            for (String secret :
                    Stream.of(CARDS, EMAILS, PHONES).flatMap(List::stream).toList()) {
                service.receive(id, MessageId.of("m" + n++), "here you go: " + secret + ". Thanks");
            }
            service.receive(id, MessageId.of("order"), "my order number is " + NOT_A_CARD);
            desk.claimNext(AgentId.of("alice"));
            desk.reply(id, AgentId.of("alice"), AGENT_REPLY);
            service.feedback(id, true, "card was " + CARDS.get(0) + ", mail " + EMAILS.get(1));
        }
        String stored; // the events' JSON as the database holds it
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chatbot.db"));
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT body FROM event")) {
            StringBuilder all = new StringBuilder();
            while (rs.next()) {
                all.append(rs.getString(1)).append('\n');
            }
            stored = all.toString();
        }
        String files; // and every byte of every file in the data directory (the database, its log)
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile)
                    .map(StoredTranscriptsContainNoPersonalDataTest::read)
                    .collect(Collectors.joining("\n"));
        }
        String digitsOnly = stored.replaceAll("[^0-9]", "");
        assertThat(stored).contains("[card]", "[email]", "[phone]", NOT_A_CARD, AGENT_REPLY);
        for (String secret :
                Stream.of(CARDS, EMAILS, PHONES).flatMap(List::stream).toList()) {
            assertThat(stored).doesNotContain(secret);
            assertThat(files).doesNotContain(secret);
        }
        for (String number : Stream.concat(CARDS.stream(), PHONES.stream()).toList()) {
            assertThat(digitsOnly).doesNotContain(number.replaceAll("[^0-9]", ""));
        }
        assertThat(stored).doesNotContain("example.com", "beispiel.de", "@");
        assertThat(files).doesNotContain("example.com", "beispiel.de");
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
