package dev.chatbot.web.config;

import dev.chatbot.intent.opennlp.OpenNlpLanguageDetector;
import dev.chatbot.lifecycle.RetentionSettings;
import dev.chatbot.transcript.redis.RedisSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every setting of the service, bound once from {@code application.yml}, environment variables
 * ({@code CHATBOT_WEBHOOK_GENERIC_SECRET} → {@code chatbot.webhook.generic.secret}) and command-line flags.
 * The documented defaults live in {@code application.yml}; the beans in {@link CoreConfiguration} turn these
 * values into plain core settings.
 *
 * <p>Over 250 lines: one nested record per group of settings, so that every setting is found in this one file.
 */
@ConfigurationProperties("chatbot")
public record ChatbotProperties(
        Store store,
        Model model,
        Conversation conversation,
        Limits limits,
        Cors cors,
        Security security,
        Webhook webhook,
        Console console,
        Learning learning,
        Metrics metrics,
        Retention retention,
        Routing routing,
        Languages languages,
        Hours hours) {

    public ChatbotProperties {
        Objects.requireNonNull(store, "chatbot.store");
        Objects.requireNonNull(model, "chatbot.model");
        Objects.requireNonNull(conversation, "chatbot.conversation");
        Objects.requireNonNull(limits, "chatbot.limits");
        cors = cors == null ? new Cors(List.of()) : cors;
        Objects.requireNonNull(security, "chatbot.security");
        Objects.requireNonNull(webhook, "chatbot.webhook");
        Objects.requireNonNull(console, "chatbot.console");
        learning = learning == null ? new Learning(null, null, 0, 0) : learning;
        metrics = metrics == null ? new Metrics(null) : metrics;
        retention = retention == null ? new Retention(null, null, null) : retention;
        routing = routing == null ? new Routing(null) : routing;
        languages = languages == null ? new Languages(null, null, null, null) : languages;
        hours = hours == null ? new Hours(null, null, null, null, null) : hours;
    }

    /**
     * Opening hours: {@code weekly} day name ({@code monday}) to hours ({@code 09:00-17:00}, several spans separated
     * by commas, {@code closed}), in time zone {@code zone} (default UTC), with dated {@code exceptions}
     * ({@code 2026-12-25: closed}). Without a weekly schedule or exceptions the team counts as always open. Out of
     * hours a handoff is told {@code outOfHoursMessage} ({@code {next}}: when the team is back) or, with no opening
     * ahead, {@code closedMessage}. ADMINs can replace the schedule in the console.
     */
    public record Hours(
            String zone,
            java.util.Map<String, String> weekly,
            java.util.Map<String, String> exceptions,
            String outOfHoursMessage,
            String closedMessage) {
        public Hours {
            weekly = weekly == null ? java.util.Map.of() : java.util.Map.copyOf(weekly);
            exceptions = exceptions == null ? java.util.Map.of() : java.util.Map.copyOf(exceptions);
        }

        /** Whether a schedule is configured (else: always open). */
        public boolean configured() {
            return !weekly.isEmpty() || !exceptions.isEmpty();
        }
    }

    /**
     * {@code kind} embedded|redis; {@code dataDir} holds the embedded database and the generated token key;
     * {@code redisCommandTimeout} bounds each Redis command (default 2s; while Redis is unreachable commands are
     * refused at once, whatever this says).
     */
    public record Store(
            String kind,
            Path dataDir,
            String redisUrl,
            String redisKeyPrefix,
            boolean fsync,
            Duration redisCommandTimeout) {
        public Store {
            redisCommandTimeout =
                    redisCommandTimeout == null ? RedisSettings.DEFAULT_COMMAND_TIMEOUT : redisCommandTimeout;
        }
    }

    /**
     * {@code dir}: the promoted model directory; {@code trainingData}: the FAQ answers and, without a model, the
     * data to train one; {@code watchInterval}: how often {@code dir} is checked for a newly promoted model
     * (default 2s; with Redis a promotion notice also triggers a check at once).
     */
    public record Model(Path dir, Path trainingData, Duration watchInterval) {
        public Model {
            watchInterval = watchInterval == null ? Duration.ofSeconds(2) : watchInterval;
        }
    }

    /** Escalation thresholds on top of the model's own calibrated threshold. */
    public record Conversation(
            double minConfidence,
            double clarifyMargin,
            int maxMisses,
            String escalationMessage,
            String waitingMessage) {}

    /**
     * Request limits. {@code maxMessageLength} in characters (longer messages are refused with 422, never cut);
     * {@code maxBodyBytes} for any request body (413); message rate per conversation and request rate per client
     * address, per minute (429 with Retry-After); {@code classificationThreads} (0: one per core plus one,
     * see {@code Offload}) and {@code classificationQueue} bound the work off the event loop (503 when the queue is
     * full).
     *
     * <p>Fair shares: {@code trustedProxies} (addresses or CIDR networks) are the reverse proxies whose
     * {@code X-Forwarded-For}/{@code Forwarded} headers name the client (from anyone else they are ignored); an IPv6
     * client counts as its /64. {@code openConversationsPerAddress} conversations not closed yet may be started from
     * one address within {@code openConversationWindow} (default 30 per 1h); {@code streamsPerConversation} (default
     * 3) and {@code streamsPerAddress} (default 20) event streams may be open at once; messaging-channel users send
     * {@code messagesPerChannelUserPerMinute} (default 20) each, counted per user rather than per platform address.
     * {@code maxPhotoBytes} (default 5 MB) is the largest photo a customer may upload in the widget (413 above it; the
     * body limit of every other request stays {@code maxBodyBytes}).
     */
    public record Limits(
            int maxMessageLength,
            int maxBodyBytes,
            int messagesPerConversationPerMinute,
            int requestsPerClientPerMinute,
            int classificationThreads,
            int classificationQueue,
            List<String> trustedProxies,
            int openConversationsPerAddress,
            Duration openConversationWindow,
            int streamsPerConversation,
            int streamsPerAddress,
            int messagesPerChannelUserPerMinute,
            int maxPhotoBytes) {
        public Limits {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
            openConversationsPerAddress = openConversationsPerAddress <= 0 ? 30 : openConversationsPerAddress;
            openConversationWindow = openConversationWindow == null ? Duration.ofHours(1) : openConversationWindow;
            streamsPerConversation = streamsPerConversation <= 0 ? 3 : streamsPerConversation;
            streamsPerAddress = streamsPerAddress <= 0 ? 20 : streamsPerAddress;
            messagesPerChannelUserPerMinute =
                    messagesPerChannelUserPerMinute <= 0 ? 20 : messagesPerChannelUserPerMinute;
            maxPhotoBytes = maxPhotoBytes <= 0 ? 5 * 1024 * 1024 : maxPhotoBytes;
        }
    }

    /** Origins (e.g. {@code https://shop.example}) whose pages may embed the widget and call the chat API. */
    public record Cors(List<String> allowedOrigins) {
        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }

    /**
     * {@code tokenKey}: base64 HMAC key for conversation tokens; blank = generated once into the data dir.
     * {@code tokenTimeToLive}: how long a conversation token is accepted after it was issued (default 7 days).
     */
    public record Security(String tokenKey, Duration tokenTimeToLive) {
        public Security {
            tokenTimeToLive = tokenTimeToLive == null ? Duration.ofDays(7) : tokenTimeToLive;
        }
    }

    /**
     * {@code scrapeToken}: the bearer token Prometheus sends for {@code /actuator/prometheus}
     * ({@code CHATBOT_METRICS_SCRAPE_TOKEN}); blank: metrics only on the management port
     * ({@code management.server.port}), if one is set.
     */
    public record Metrics(String scrapeToken) {}

    /** The messaging webhooks and the delivery of later messages to them. */
    /**
     * {@code maxMessageLength}: the longest message taken from a messaging channel (default 4,096 characters, what
     * WhatsApp and Telegram allow); a longer one gets a polite reply asking for a shorter one.
     */
    public record Webhook(
            Generic generic, WhatsApp whatsapp, Telegram telegram, Delivery delivery, Integer maxMessageLength) {
        public Webhook {
            maxMessageLength = maxMessageLength == null ? 4096 : maxMessageLength;
        }
    }

    /** Generic signed JSON webhook; {@code previousSecret} is still accepted during a rotation. */
    public record Generic(String secret, String previousSecret, String callbackUrl, Duration replayWindow) {
        public boolean enabled() {
            return secret != null && !secret.isBlank();
        }
    }

    /** WhatsApp Cloud API: {@code appSecret} checks X-Hub-Signature-256, {@code verifyToken} the GET handshake. */
    public record WhatsApp(
            String verifyToken, String appSecret, String accessToken, String phoneNumberId, String graphBaseUrl) {
        public boolean enabled() {
            return appSecret != null && !appSecret.isBlank();
        }
    }

    /** Telegram Bot API: {@code secretToken} is the X-Telegram-Bot-Api-Secret-Token set with setWebhook. */
    public record Telegram(String botToken, String secretToken, String apiBaseUrl) {
        public boolean enabled() {
            return secretToken != null && !secretToken.isBlank();
        }
    }

    /** Outbound delivery: poll interval, exponential backoff from {@code initialBackoff} up to {@code maxBackoff}. */
    public record Delivery(Duration pollInterval, Duration initialBackoff, Duration maxBackoff, Duration timeout) {}

    /**
     * The agent console. The first admin ({@code adminUsername}) is created at the first start with
     * {@code adminPassword} ({@code CHATBOT_CONSOLE_ADMIN_PASSWORD}), or with a generated password printed once
     * when that is blank. An agent counts as online while their console reported "online" within
     * {@code presenceTimeout}. A customer escalated while nobody is online is told {@code nobodyOnlineMessage};
     * one still waiting after {@code waitLimit} is told {@code leaveMessageOffer}. Both stay queued.
     */
    public record Console(
            String adminUsername,
            String adminPassword,
            Duration presenceTimeout,
            String nobodyOnlineMessage,
            Duration waitLimit,
            String leaveMessageOffer,
            Login login) {
        public Console {
            adminUsername = adminUsername == null || adminUsername.isBlank() ? "admin" : adminUsername.strip();
            presenceTimeout = presenceTimeout == null ? Duration.ofSeconds(60) : presenceTimeout;
            waitLimit = waitLimit == null ? Duration.ofMinutes(5) : waitLimit;
            login = login == null ? new Login(0, 0, null, null) : login;
        }
    }

    /**
     * Login throttling: failed logins allowed per account ({@code accountFailures}, default 5) and per client
     * address ({@code addressFailures}, default 20) before a lockout of {@code firstLockout} (default 5s), doubled
     * with each further failure up to {@code maxLockout} (default 15m). Failures are forgotten an hour after the last.
     */
    public record Login(int accountFailures, int addressFailures, Duration firstLockout, Duration maxLockout) {
        public Login {
            accountFailures = accountFailures <= 0 ? 5 : accountFailures;
            addressFailures = addressFailures <= 0 ? 20 : addressFailures;
            firstLockout = firstLockout == null ? Duration.ofSeconds(5) : firstLockout;
            maxLockout = maxLockout == null ? Duration.ofMinutes(15) : maxLockout;
        }
    }

    /**
     * The learning loop as the console shows it. {@code reopenWindow}: a conversation the bot handled alone counts
     * as contained once the customer has not come back for this long (default 24h); {@code intentsDir}: where the
     * console writes new intents made from unmet needs (default: the {@code intents/} directory of
     * {@code chatbot.model.training-data}); {@code unmetSimilarity} and {@code unmetMinSize}: how unmet needs are
     * grouped (cosine similarity of neighbours, default 0.6; smallest group, default 3).
     */
    public record Learning(Duration reopenWindow, Path intentsDir, double unmetSimilarity, int unmetMinSize) {
        public Learning {
            reopenWindow = reopenWindow == null ? Duration.ofHours(24) : reopenWindow;
            unmetSimilarity = unmetSimilarity <= 0 ? 0.6 : unmetSimilarity;
            unmetMinSize = unmetMinSize <= 0 ? 3 : unmetMinSize;
        }
    }

    /**
     * How long conversations are kept: {@code days} after their last activity (default 180; 0 keeps them forever),
     * deleted by a sweep every {@code sweepInterval} (default 24h), the first {@code firstSweepDelay} after the start
     * (default 10m).
     */
    public record Retention(Integer days, Duration sweepInterval, Duration firstSweepDelay) {
        public Retention {
            days = days == null ? (int) RetentionSettings.DEFAULT_PERIOD.toDays() : days;
            if (days < 0) {
                throw new IllegalArgumentException("chatbot.retention.days cannot be negative: " + days);
            }
            sweepInterval = sweepInterval == null ? Duration.ofHours(24) : sweepInterval;
            firstSweepDelay = firstSweepDelay == null ? Duration.ofMinutes(10) : firstSweepDelay;
        }
    }

    /**
     * Routing of escalations to teams and agents: a conversation routed to a team, an agent or a language waits for
     * them first; after {@code overflowAfter} (default 5m) every agent sees it.
     */
    public record Routing(Duration overflowAfter) {
        public Routing {
            overflowAfter = overflowAfter == null ? Duration.ofMinutes(5) : overflowAfter;
            if (overflowAfter.isNegative()) {
                throw new IllegalArgumentException(
                        "chatbot.routing.overflow-after cannot be negative: " + overflowAfter);
            }
        }
    }

    /**
     * Each message's language: detected with OpenNLP's detector when {@code detect} (default true); a message with
     * fewer than {@code minLength} letters (default 10), or whose best language is less than {@code minRatio} (default
     * 1.3) times as likely as the next, is taken to be in {@code defaultLanguage} (default {@code en}), the FAQ's. A
     * message detected in another language is not classified: it escalates as UNSUPPORTED_LANGUAGE.
     */
    public record Languages(String defaultLanguage, Boolean detect, Integer minLength, Double minRatio) {
        public Languages {
            defaultLanguage = defaultLanguage == null || defaultLanguage.isBlank()
                    ? "en"
                    : defaultLanguage.strip().toLowerCase(java.util.Locale.ROOT);
            if (!defaultLanguage.matches("[a-z]{2}")) {
                throw new IllegalArgumentException("chatbot.languages.default-language must be a two-letter ISO 639-1 "
                        + "code, not '" + defaultLanguage + "'");
            }
            detect = detect == null || detect;
            minLength = minLength == null ? OpenNlpLanguageDetector.DEFAULT_MIN_LENGTH : minLength;
            minRatio = minRatio == null ? OpenNlpLanguageDetector.DEFAULT_MIN_RATIO : minRatio;
        }
    }
}
