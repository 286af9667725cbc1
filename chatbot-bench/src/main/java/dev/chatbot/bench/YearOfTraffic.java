package dev.chatbot.bench;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.data.CsvExamples;
import dev.chatbot.data.IntentDefinition;
import dev.chatbot.data.TrainingDataLoader;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.store.StoreSettings;
import dev.chatbot.store.Stores;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ClarificationOption;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.redis.RedisSettings;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes months of a busy shop's traffic through the stores' own API with a simulated clock: {@code --per-day}
 * conversations a day (default 3,000) for {@code --days} days (default 365) ending at {@code --end} (default now),
 * each appended the way the service appends it (the first message with the start, then a message with its answer,
 * ...). The mix: 58% answered by the bot (2-5 questions, a third with helpful feedback), 10% a clarification first,
 * 20% escalated (the customer writes again while waiting), claimed, answered by an agent (half of them labelled)
 * and resolved, 5% handed back to the bot after the agent, 7% out-of-scope questions escalated and resolved from the
 * queue without a reply. 30% come from messaging
 * channels (WhatsApp, Telegram, the generic webhook) with their address in the channel store; customers there come
 * back, so many have several conversations. About 10 events a conversation. Usage:
 * {@code YearOfTraffic --store embedded|redis [--data-dir d] [--redis-url u --redis-prefix p] [--days 365]
 * [--per-day 3000] [--threads 8] [--fsync false] --messages training-data/test.csv --faq training-data}.
 */
public final class YearOfTraffic {

    private static final List<String> AGENTS = List.of("alice", "bob", "carla", "dmitri", "emma");
    private static final String WAITING = "Thanks, a member of our team will be with you shortly.";
    private static final List<String> CHANNELS = List.of("whatsapp", "whatsapp", "telegram", "generic");

    private final Map<String, List<String>> questions = new HashMap<>();
    private final List<String> intents = new ArrayList<>();
    private final List<String> outOfScope = new ArrayList<>();
    private final Map<String, String> answers = new HashMap<>();

    private YearOfTraffic(Path messages, Path faq) throws Exception {
        for (Example e : CsvExamples.read(messages).examples()) {
            String intent = e.intent().value();
            if (intent.equals("out_of_scope")) {
                outOfScope.add(e.text());
            } else {
                questions.computeIfAbsent(intent, k -> new ArrayList<>()).add(e.text());
            }
        }
        for (IntentDefinition d : TrainingDataLoader.load(faq).definitions().values()) {
            answers.put(d.name().value(), d.answer());
        }
        questions.keySet().stream().filter(answers::containsKey).sorted().forEach(intents::add);
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = Args.parse(argv);
        int days = Integer.parseInt(a.getOrDefault("days", "365"));
        int perDay = Integer.parseInt(a.getOrDefault("per-day", "3000"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "8"));
        Instant end = a.containsKey("end")
                ? Instant.parse(a.get("end"))
                : Instant.now().truncatedTo(ChronoUnit.HOURS);
        StoreSettings settings = "redis".equals(a.getOrDefault("store", "embedded"))
                ? new StoreSettings(
                        StoreSettings.Kind.REDIS,
                        null,
                        RedisSettings.defaults(a.get("redis-url"))
                                .withKeyPrefix(a.getOrDefault("redis-prefix", "chatbot")))
                : new StoreSettings(
                        StoreSettings.Kind.EMBEDDED,
                        new SqliteSettings(
                                Path.of(a.get("data-dir")), Boolean.parseBoolean(a.getOrDefault("fsync", "false"))),
                        null);
        YearOfTraffic traffic = new YearOfTraffic(
                Path.of(a.getOrDefault("messages", "training-data/test.csv")),
                Path.of(a.getOrDefault("faq", "training-data")));
        Instant first = end.minus(Duration.ofDays(days));
        System.out.printf(
                "writing %d days x %d conversations (%s to %s) to the %s store with %d threads%n",
                days, perDay, first, end, settings.kind().name().toLowerCase(), threads);
        AtomicLong events = new AtomicLong();
        long started = System.nanoTime();
        try (Stores stores = Stores.openBeside(settings)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int day = 0; day < days; day++) {
                Instant dayStart = first.plus(Duration.ofDays(day));
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    int dayNumber = day;
                    work.add(pool.submit(() -> {
                        SplittableRandom random = new SplittableRandom(dayNumber * 1_000L + thread);
                        for (int k = thread; k < perDay; k += threads) {
                            events.addAndGet(traffic.conversation(stores, random, dayStart, end));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
                if ((day + 1) % 10 == 0 || day + 1 == days) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf(
                            "[%6.0fs] day %d of %d: %,d conversations, %,d events (%.0f events/s)%n",
                            seconds, day + 1, days, (long) (day + 1) * perDay, events.get(), events.get() / seconds);
                }
            }
            pool.shutdown();
        }
        System.out.printf(
                "done: %,d conversations, %,d events in %.0f s%n",
                (long) days * perDay, events.get(), (System.nanoTime() - started) / 1e9);
    }

    /** One conversation starting on the day; returns how many events it wrote. */
    private int conversation(Stores stores, SplittableRandom random, Instant dayStart, Instant end) {
        TranscriptStore store = stores.transcripts();
        ConversationId id = ConversationId.random();
        // busier in the day (08:00-20:00 UTC), some at night
        long second = random.nextInt(100) < 85 ? 8 * 3600 + random.nextInt(12 * 3600) : random.nextInt(24 * 3600);
        Clock clock = new Clock(dayStart.plusSeconds(second), random);
        String channel = "web";
        if (random.nextInt(100) < 30) {
            channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
            // 40,000 customers per channel: the busy ones come back several times a year
            String user = channel.equals("whatsapp")
                    ? "49151" + (10_000_000 + random.nextInt(40_000))
                    : "u" + random.nextInt(40_000);
            stores.channels().remember(id, new ChannelAddress(channel, user));
        }
        Log log = new Log(store, id);
        int scenario = random.nextInt(100);
        String intent = intents.get(random.nextInt(intents.size()));
        MessageId first = MessageId.of("c-1");
        log.append(
                new TranscriptEvent.ConversationStarted(clock.now(), channel, "en"),
                received(first, question(intent, random), intent, random, clock),
                answered(first, intent, clock));
        if (scenario < 58) { // the bot answers 1-3 questions
            int more = 1 + random.nextInt(4);
            for (int i = 0; i < more; i++) {
                String next = intents.get(random.nextInt(intents.size()));
                MessageId m = MessageId.of("c-" + (i + 2));
                log.append(
                        received(m, question(next, random), next, random, clock.later(20, 120)),
                        answered(m, next, clock));
            }
            if (random.nextInt(3) == 0) {
                log.append(new TranscriptEvent.FeedbackGiven(clock.later(5, 60), true, ""));
            }
        } else if (scenario < 68) { // a clarification, then the answer
            String other = intents.get(random.nextInt(intents.size()));
            MessageId m = MessageId.of("c-2");
            log.append(
                    received(m, question(intent, random), intent, random, clock.later(10, 60)),
                    new TranscriptEvent.ClarificationOffered(
                            clock.now(),
                            m,
                            "I'm not quite sure what you mean. Did you mean one of these?",
                            List.of(
                                    new ClarificationOption(IntentName.of(intent), label(intent)),
                                    new ClarificationOption(IntentName.of(other), label(other)))));
            MessageId choice = MessageId.of("c-3");
            log.append(
                    received(choice, label(intent), intent, random, clock.later(5, 30)),
                    answered(choice, intent, clock));
            MessageId after = MessageId.of("c-4");
            log.append(
                    received(after, question(other, random), other, random, clock.later(20, 120)),
                    answered(after, other, clock));
            log.append(new TranscriptEvent.FeedbackGiven(clock.later(5, 60), random.nextInt(4) > 0, ""));
        } else if (scenario < 93) { // escalated, claimed, answered by an agent; some handed back
            MessageId m = MessageId.of("c-2");
            String question = random.nextInt(3) == 0
                    ? outOfScope.get(random.nextInt(outOfScope.size()))
                    : question(intent, random);
            EscalationReason reason = switch (random.nextInt(4)) {
                case 0 -> EscalationReason.USER_REQUEST;
                case 1 -> EscalationReason.REPEATED_MISS;
                default -> EscalationReason.LOW_CONFIDENCE;
            };
            log.append(
                    received(m, question, intent, random, clock.later(10, 90)),
                    new TranscriptEvent.Escalated(
                            clock.now(),
                            m,
                            reason,
                            null,
                            "I'm passing you to a member of our team. Please stay in this chat; someone will reply here shortly."));
            log.append(
                    received(MessageId.of("c-w"), "hello? is anyone there", intent, random, clock.later(30, 300)),
                    new TranscriptEvent.NoticeSent(clock.now(), MessageId.of("c-w"), WAITING));
            Instant claimedAt = clock.later(30, 900);
            if (claimedAt.isAfter(end.minus(Duration.ofMinutes(20)))) {
                return log.events; // the last minutes: still waiting in the queue
            }
            AgentId agent = AgentId.of(AGENTS.get(random.nextInt(AGENTS.size())));
            log.append(new TranscriptEvent.Claimed(claimedAt, agent));
            log.append(new TranscriptEvent.AgentReplied(
                    clock.later(20, 120),
                    agent,
                    MessageId.of("a-1"),
                    "Hi, " + agent.value() + " here from the shop team. Let me check that for you."));
            log.append(received(
                    MessageId.of("c-3"),
                    "Thanks, it is order 12345, placed last week",
                    intent,
                    random,
                    clock.later(20, 120)));
            log.append(new TranscriptEvent.AgentReplied(
                    clock.later(30, 300),
                    agent,
                    MessageId.of("a-2"),
                    "I found it: it left our warehouse yesterday and should arrive tomorrow. Anything else?"));
            if (random.nextBoolean()) {
                log.append(new TranscriptEvent.Labelled(clock.later(1, 30), agent, m, IntentName.of(intent)));
            }
            if (scenario >= 88) {
                log.append(new TranscriptEvent.HandedBack(clock.later(10, 60), agent));
                String next = intents.get(random.nextInt(intents.size()));
                MessageId again = MessageId.of("c-4");
                log.append(
                        received(again, question(next, random), next, random, clock.later(20, 120)),
                        answered(again, next, clock));
            } else {
                log.append(new TranscriptEvent.Resolved(clock.later(30, 300), agent));
            }
        } else { // an out-of-scope question: escalated, nobody answers it, resolved from the queue
            MessageId m = MessageId.of("c-2");
            log.append(
                    received(
                            m,
                            outOfScope.get(random.nextInt(outOfScope.size())),
                            "out_of_scope",
                            random,
                            clock.later(10, 60)),
                    new TranscriptEvent.Escalated(
                            clock.now(),
                            m,
                            EscalationReason.LOW_CONFIDENCE,
                            null,
                            "I'm passing you to a member of our team. Please stay in this chat; someone will reply here shortly."));
            log.append(
                    received(MessageId.of("c-w"), "ok, waiting", "out_of_scope", random, clock.later(30, 300)),
                    new TranscriptEvent.NoticeSent(clock.now(), MessageId.of("c-w"), WAITING));
            Instant resolvedAt = clock.later(600, 7200);
            if (resolvedAt.isBefore(end.minus(Duration.ofMinutes(20)))) {
                log.append(new TranscriptEvent.Resolved(
                        resolvedAt, AgentId.of(AGENTS.get(random.nextInt(AGENTS.size())))));
            }
        }
        return log.events;
    }

    private String question(String intent, SplittableRandom random) {
        List<String> texts = questions.get(intent);
        return texts.get(random.nextInt(texts.size()));
    }

    private static String label(String intent) {
        return intent.replace('_', ' ');
    }

    private TranscriptEvent.MessageReceived received(
            MessageId id, String text, String intent, SplittableRandom random, Instant at) {
        double top = 0.55 + random.nextDouble() * 0.44;
        String second = intents.get(random.nextInt(intents.size()));
        String third = intents.get(random.nextInt(intents.size()));
        return new TranscriptEvent.MessageReceived(
                at,
                id,
                text,
                List.of(
                        new ScoredIntent(IntentName.of(intent), top),
                        new ScoredIntent(IntentName.of(second), (1 - top) * 0.6),
                        new ScoredIntent(IntentName.of(third), (1 - top) * 0.3)),
                "20261101-1");
    }

    private TranscriptEvent.MessageReceived received(
            MessageId id, String text, String intent, SplittableRandom random, Clock clock) {
        return received(id, text, intent, random, clock.now());
    }

    private TranscriptEvent.BotAnswered answered(MessageId inReplyTo, String intent, Clock clock) {
        return new TranscriptEvent.BotAnswered(
                clock.later(0, 1), inReplyTo, IntentName.of(intent), 0.91, answers.get(intent), List.of());
    }

    /** The simulated clock of one conversation. */
    private static final class Clock {
        private Instant now;
        private final SplittableRandom random;

        Clock(Instant start, SplittableRandom random) {
            this.now = start;
            this.random = random;
        }

        Instant now() {
            return now;
        }

        Instant later(int minSeconds, int maxSeconds) {
            now = now.plusSeconds(minSeconds + random.nextInt(maxSeconds - minSeconds + 1))
                    .plusMillis(random.nextInt(1000));
            return now;
        }
    }

    /** Appends to one conversation the way the service does, one step at a time. */
    private static final class Log {
        private final TranscriptStore store;
        private final ConversationId id;
        private long last;
        int events;

        Log(TranscriptStore store, ConversationId id) {
            this.store = store;
            this.id = id;
        }

        void append(TranscriptEvent... step) {
            store.append(id, last, List.of(step));
            last += step.length;
            events += step.length;
        }
    }

    /** {@code --name value} pairs. */
    private static final class Args {
        static Map<String, String> parse(String[] argv) {
            Map<String, String> out = new HashMap<>();
            for (int i = 0; i + 1 < argv.length; i += 2) {
                if (!argv[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --name value, got " + argv[i]);
                }
                out.put(argv[i].substring(2), argv[i + 1]);
            }
            return out;
        }
    }
}
