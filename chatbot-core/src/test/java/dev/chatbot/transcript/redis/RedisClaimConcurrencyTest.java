package dev.chatbot.transcript.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.ConversationSettings;
import dev.chatbot.conversation.EscalationPolicy;
import dev.chatbot.conversation.EscalationSettings;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.testing.FakeIntentClassifier;
import dev.chatbot.testing.RedisTestServer;
import dev.chatbot.testing.TestFaq;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 300, unit = TimeUnit.SECONDS) // hang guards, here and below: 1,000 claims take 5-30 s by load
class RedisClaimConcurrencyTest {

    private static final int CONVERSATIONS = 1_000;
    private static final int THREADS = 8;

    /** One server instance: its own Lettuce client, store, conversation service and agent desk. */
    private record Instance(RedisTranscriptStore store, ConversationService service, AgentDesk desk) {
        static Instance connect(RedisSettings settings) {
            RedisTranscriptStore store = RedisTranscriptStore.connect(settings);
            Clock clock = Clock.systemUTC();
            ConversationService service = new ConversationService(
                    new FakeIntentClassifier(0.5),
                    TestFaq.definitions(),
                    new EscalationPolicy(EscalationSettings.defaults(), TestFaq.definitions()),
                    store,
                    Redactor.defaults(),
                    ConversationSettings.defaults(),
                    clock);
            return new Instance(store, service, new AgentDesk(store, clock));
        }
    }

    @Test
    void claimsEachOfAThousandQueuedConversationsExactlyOnceAcrossTwoInstancesAndEightThreads() throws Exception {
        RedisSettings defaults = RedisSettings.defaults(RedisTestServer.url());
        RedisSettings settings = new RedisSettings(
                defaults.url(),
                "claim" + UUID.randomUUID().toString().substring(0, 8),
                defaults.commandTimeout(),
                defaults.maxReconnectDelay());
        Instance first = Instance.connect(settings);
        Instance second = Instance.connect(settings);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> setup = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Instance instance = t % 2 == 0 ? first : second;
                setup.add(pool.submit(() -> {
                    for (int i = 0; i < CONVERSATIONS / THREADS; i++) {
                        ConversationId id = instance.service().start("web", "en");
                        instance.service().receive(id, MessageId.of("m-" + i), "where is my order");
                        instance.service().requestHuman(id);
                    }
                }));
            }
            for (Future<?> f : setup) {
                f.get(120, TimeUnit.SECONDS);
            }
            assertThat(first.desk().queue()).hasSize(CONVERSATIONS);

            Map<ConversationId, AgentId> claimedBy = new ConcurrentHashMap<>();
            AtomicInteger doubleClaims = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> agents = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                Instance instance = t % 2 == 0 ? first : second;
                AgentId agent = AgentId.of("agent" + t);
                agents.add(pool.submit(() -> {
                    go.await();
                    for (var next = instance.desk().claimNext(agent);
                            next.isPresent();
                            next = instance.desk().claimNext(agent)) {
                        if (claimedBy.putIfAbsent(next.get(), agent) != null) {
                            doubleClaims.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : agents) {
                f.get(120, TimeUnit.SECONDS);
            }
            System.out.printf(
                    "claim test: %d conversations claimed by %d threads on 2 instances in %d ms%n",
                    claimedBy.size(), THREADS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

            assertThat(doubleClaims).hasValue(0);
            assertThat(claimedBy).hasSize(CONVERSATIONS);
            assertThat(second.desk().queue()).isEmpty();
            for (ConversationId id : first.store().conversations()) {
                assertThat(first.store().read(id, 0))
                        .as(id.value())
                        .filteredOn(e -> e.event() instanceof TranscriptEvent.Claimed)
                        .hasSize(1)
                        .allSatisfy(e -> assertThat(((TranscriptEvent.Claimed) e.event()).agent())
                                .isEqualTo(claimedBy.get(id)));
            }
        } finally {
            pool.shutdownNow();
            first.store().close();
            second.store().close();
        }
    }
}
