package dev.chatbot.conversation;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.hours.HoursSource;
import dev.chatbot.hours.OpeningHours;
import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.IntentPrediction;
import dev.chatbot.intent.LanguageDetector;
import dev.chatbot.model.FaqModel;
import dev.chatbot.model.LanguageRouting;
import dev.chatbot.model.ModelSlot;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptEvent.BotAnswered;
import dev.chatbot.transcript.TranscriptEvent.ClarificationOffered;
import dev.chatbot.transcript.TranscriptEvent.ConversationStarted;
import dev.chatbot.transcript.TranscriptEvent.Escalated;
import dev.chatbot.transcript.TranscriptEvent.FeedbackGiven;
import dev.chatbot.transcript.TranscriptEvent.MessageReceived;
import dev.chatbot.transcript.TranscriptEvent.NoticeSent;
import dev.chatbot.transcript.TranscriptStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The customer side of a conversation: classify → decide → act, recording every step as events. Messages
 * are redacted before they are classified or stored. Replies are returned to the caller; what others do
 * (agent replies, claims) reaches the customer as live events of the store. Thread-safe; safe to run on
 * several server instances over one shared store. Classification is CPU-bound: call off the event loop.
 *
 * <p>Over 250 lines: start, message, media, feedback, handoff and close share its classify → decide → act step.
 */
public final class ConversationService {

    private final ModelSlot model;
    private final EscalationPolicy policy;
    private volatile ModelPolicy lastPolicy;
    private final Redactor redactor;
    private final ConversationSettings settings;
    private final Clock clock;
    private final TranscriptStore store;
    private final Appender appender;
    private final LanguageRouting routing;
    private final HoursSource hours;

    public ConversationService(
            IntentClassifier classifier,
            Map<IntentName, IntentDefinition> faq,
            EscalationPolicy policy,
            TranscriptStore store,
            Redactor redactor,
            ConversationSettings settings,
            Clock clock) {
        this(new ModelSlot(new FaqModel(classifier, faq)), policy, store, redactor, settings, clock);
    }

    /**
     * A service answering with whatever model {@code model} holds at each message (hot swap). The policy's
     * rules and thresholds apply to every model, with the FAQ of the model that classified the message.
     */
    public ConversationService(
            ModelSlot model,
            EscalationPolicy policy,
            TranscriptStore store,
            Redactor redactor,
            ConversationSettings settings,
            Clock clock) {
        this(
                model,
                policy,
                store,
                redactor,
                settings,
                clock,
                LanguageDetector.Languages.englishOnly(),
                HoursSource.ALWAYS);
    }

    /**
     * A hot-swapping service that detects each message's language with {@code languages} ({@link LanguageRouting}): a
     * message is classified by the served model of its language and answered in it; a message in a language the FAQ
     * does not cover is not classified but escalated ({@code UNSUPPORTED_LANGUAGE}), routed by its language.
     */
    public ConversationService(
            ModelSlot model,
            EscalationPolicy policy,
            TranscriptStore store,
            Redactor redactor,
            ConversationSettings settings,
            Clock clock,
            LanguageDetector.Languages languages) {
        this(model, policy, store, redactor, settings, clock, languages, HoursSource.ALWAYS);
    }

    /**
     * A service that knows the team's opening hours: outside them a handoff still joins the queue (first in line when
     * the team is back), but the customer is told when that is and invited to leave a message instead of being told
     * to wait, and further messages while queued get no "someone will be with you shortly".
     */
    public ConversationService(
            ModelSlot model,
            EscalationPolicy policy,
            TranscriptStore store,
            Redactor redactor,
            ConversationSettings settings,
            Clock clock,
            HoursSource hours) {
        this(model, policy, store, redactor, settings, clock, LanguageDetector.Languages.englishOnly(), hours);
    }

    /** A service with language detection ({@code languages}) and opening hours ({@code hours}), as above. */
    public ConversationService(
            ModelSlot model,
            EscalationPolicy policy,
            TranscriptStore store,
            Redactor redactor,
            ConversationSettings settings,
            Clock clock,
            LanguageDetector.Languages languages,
            HoursSource hours) {
        this.routing = new LanguageRouting(Objects.requireNonNull(languages, "languages"));
        this.hours = Objects.requireNonNull(hours, "hours");
        this.model = Objects.requireNonNull(model, "model");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.store = Objects.requireNonNull(store, "store");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.appender = new Appender(store);
    }

    /** Opens a new conversation for a channel ({@code web}, a webhook name, ...) and locale. */
    public ConversationId start(String channel, String locale) {
        ConversationId id = ConversationId.random();
        store.append(id, 0, List.of(new ConversationStarted(clock.instant(), channel, locale)));
        return id;
    }

    /**
     * Opens a new conversation with its first customer message, classified by {@link #classify}: one append
     * (the start, the message and what the bot did about it) instead of a start and then a message, so a customer
     * who writes first gets the answer in one round trip and one durable write.
     */
    public Reply start(String channel, String locale, MessageId clientMessageId, Classified message) {
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        ConversationId id = ConversationId.random();
        Instant now = clock.instant();
        ConversationStarted started = new ConversationStarted(now, channel, locale);
        SessionState session = SessionState.empty(id).apply(new StoredEvent(id, 1, started));
        List<TranscriptEvent> events = new ArrayList<>();
        events.add(started);
        events.addAll(answer(session, List.of(), clientMessageId, message, now));
        List<StoredEvent> stored = store.append(id, 0, events);
        List<StoredEvent> answered = stored.subList(1, stored.size());
        return Reply.of(id, stateAfter(session, answered), answered.subList(1, answered.size()));
    }

    /**
     * Handles one customer message. A {@code clientMessageId} seen before in this conversation is not
     * processed again: the original reply is returned.
     *
     * @throws TextRefusedException if the text is blank, has nothing visible or is longer than
     *         {@link ConversationSettings#maxMessageLength()}
     * @throws ConversationClosedException if the conversation is closed
     * @throws ConversationNotFoundException if the conversation was never started
     */
    public Reply receive(ConversationId id, MessageId clientMessageId, String text) {
        return record(id, clientMessageId, classify(CustomerText.of(text, settings.maxMessageLength())));
    }

    /**
     * The CPU-bound half of {@link #receive}: redacts and classifies a message without touching the store, so
     * a server can run it on its computation threads and {@link #record} on its I/O threads.
     */
    public Classified classify(CustomerText text) {
        String redacted = redactor.redact(text.value());
        LanguageRouting.Routed routed = routing.classify(model.current(), redacted);
        return new Classified(redacted, routed.model(), routed.prediction(), routed.language());
    }

    /**
     * The store half of {@link #receive}: decides and records what {@link #classify} found. A {@code clientMessageId}
     * seen before in this conversation is not recorded again: the original reply is returned.
     *
     * @throws ConversationClosedException if the conversation is closed
     * @throws ConversationNotFoundException if the conversation was never started
     */
    public Reply record(ConversationId id, MessageId clientMessageId, Classified message) {
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        return appender.update(id, (session, log) -> {
            List<StoredEvent> earlier = eventsFor(clientMessageId, log);
            if (!earlier.isEmpty()) {
                return Appender.Step.done(Reply.of(id, session.state(), earlier.subList(1, earlier.size())));
            }
            if (session.state() == ConversationState.CLOSED) {
                throw new ConversationClosedException(id);
            }
            List<TranscriptEvent> events = answer(session, log, clientMessageId, message, clock.instant());
            return new Appender.Step<>(
                    events, stored -> Reply.of(id, stateAfter(session, stored), stored.subList(1, stored.size())));
        });
    }

    /** The message's MessageReceived and what the bot does about it in {@code session} (nothing while a person has it). */
    private List<TranscriptEvent> answer(
            SessionState session, List<StoredEvent> log, MessageId clientMessageId, Classified message, Instant now) {
        String redacted = message.redactedText();
        FaqModel served = message.model();
        IntentPrediction prediction = message.prediction();
        List<TranscriptEvent> events = new ArrayList<>();
        events.add(new MessageReceived(
                now,
                clientMessageId,
                redacted,
                prediction == null ? List.of() : prediction.top(3),
                served.version(),
                message.language()));
        if (session.state().withPerson()) {
            if (session.state() == ConversationState.QUEUED
                    && !settings.waitingMessage().isEmpty()
                    && hours.current().isOpen(now)) {
                events.add(new NoticeSent(now, clientMessageId, settings.waitingMessage()));
            }
        } else if (prediction == null) {
            events.add(new Escalated(
                    now,
                    clientMessageId,
                    EscalationReason.UNSUPPORTED_LANGUAGE,
                    null,
                    settings.escalationMessage(),
                    null,
                    message.language()));
        } else {
            events.add(act(
                    policyFor(served).decide(prediction, redacted, session), served.faq(), log, clientMessageId, now));
        }
        return events;
    }

    /**
     * Records a message the bot cannot read (a photo, voice note, document, location...): a {@link MessageReceived}
     * with {@code description} (e.g. {@code [photo] the caption}, redacted) and no guesses, acknowledged with
     * {@code acknowledgement} and handed to a person ({@link EscalationReason#MEDIA}); while a person already has
     * the conversation nothing more is said, while it waits the waiting message. A {@code clientMessageId} seen
     * before is not recorded again: the original reply is returned.
     *
     * @throws ConversationClosedException if the conversation is closed
     * @throws ConversationNotFoundException if the conversation was never started
     */
    public Reply receiveMedia(
            ConversationId id, MessageId clientMessageId, String description, String acknowledgement) {
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        String redacted = redactor.redact(description);
        return appender.update(id, (session, log) -> {
            List<StoredEvent> earlier = eventsFor(clientMessageId, log);
            if (!earlier.isEmpty()) {
                return Appender.Step.done(Reply.of(id, session.state(), earlier.subList(1, earlier.size())));
            }
            if (session.state() == ConversationState.CLOSED) {
                throw new ConversationClosedException(id);
            }
            Instant now = clock.instant();
            List<TranscriptEvent> events = new ArrayList<>();
            events.add(new MessageReceived(now, clientMessageId, redacted, List.of(), null));
            if (session.state() == ConversationState.BOT) {
                events.add(new Escalated(now, clientMessageId, EscalationReason.MEDIA, null, acknowledgement));
            } else if (session.state() == ConversationState.QUEUED
                    && !settings.waitingMessage().isEmpty()) {
                events.add(new NoticeSent(now, clientMessageId, settings.waitingMessage()));
            }
            return new Appender.Step<>(
                    events, stored -> Reply.of(id, stateAfter(session, stored), stored.subList(1, stored.size())));
        });
    }

    /**
     * Tells the customer something about a message the bot did not take ({@code inReplyTo}, never recorded: too long
     * for the bot, say): a {@link NoticeSent}, recorded once per message id, so a platform's redelivery of the same
     * message is not told twice. The conversation's state does not change.
     *
     * @throws ConversationClosedException if the conversation is closed
     * @throws ConversationNotFoundException if the conversation was never started
     */
    public Reply notice(ConversationId id, MessageId inReplyTo, String text) {
        Objects.requireNonNull(inReplyTo, "inReplyTo");
        return appender.update(id, (session, log) -> {
            List<StoredEvent> earlier = log.stream()
                    .filter(e -> e.event() instanceof NoticeSent n && inReplyTo.equals(n.inReplyTo()))
                    .toList();
            if (!earlier.isEmpty()) {
                return Appender.Step.done(Reply.of(id, session.state(), earlier));
            }
            if (session.state() == ConversationState.CLOSED) {
                throw new ConversationClosedException(id);
            }
            List<TranscriptEvent> events = List.of(new NoticeSent(clock.instant(), inReplyTo, text));
            return new Appender.Step<>(events, stored -> Reply.of(id, stateAfter(session, stored), stored));
        });
    }

    /**
     * The customer pressed "talk to a person": escalates with USER_REQUEST unless a person already has it;
     * {@link NothingToHandOverException} before the customer's first message (nobody queues an empty conversation).
     */
    public Reply requestHuman(ConversationId id) {
        return appender.update(id, (session, log) -> {
            if (session.state() != ConversationState.BOT) {
                return Appender.Step.done(new Reply(id, session.state(), List.of(), java.util.Optional.empty()));
            }
            if (log.stream().noneMatch(e -> e.event() instanceof MessageReceived)) {
                throw new NothingToHandOverException(id);
            }
            Map<IntentName, IntentDefinition> faq = model.current().faq();
            IntentName intent = policy.handoffIntent().filter(faq::containsKey).orElse(null);
            Decision.Escalate decision = new Decision.Escalate(
                    EscalationReason.USER_REQUEST, intent, "the customer pressed talk to a person");
            List<TranscriptEvent> events = List.of(act(decision, faq, log, null, clock.instant()));
            return new Appender.Step<>(events, stored -> Reply.of(id, stateAfter(session, stored), stored));
        });
    }

    /** Records the customer's rating; the comment is redacted. Unhelpful feedback counts as a miss. */
    public void feedback(ConversationId id, boolean helpful, String comment) {
        FeedbackGiven event = new FeedbackGiven(clock.instant(), helpful, redactor.redact(comment));
        appender.update(id, (session, log) -> new Appender.Step<>(List.of(event), stored -> stored));
    }

    /**
     * Records the customer's rating of a closed conversation (1 poor to 5 excellent; the comment is redacted), with who
     * resolved it and what it was about, so reports count per agent and per intent. Once per conversation.
     *
     * @throws IllegalArgumentException if {@code score} is not 1 to 5
     * @throws RatingRefusedException if the conversation is not closed or was rated already
     * @throws ConversationNotFoundException if the conversation was never started
     */
    public void rate(ConversationId id, int score, String comment) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException("a rating is 1 to 5: " + score);
        }
        String redacted = redactor.redact(comment == null ? "" : comment);
        appender.update(id, (session, log) -> {
            if (session.state() != ConversationState.CLOSED) {
                throw new RatingRefusedException(id, "a conversation is rated once it is closed");
            }
            dev.chatbot.transcript.AgentId resolvedBy = null;
            IntentName escalatedFor = null;
            IntentName answered = null;
            String team = null;
            for (StoredEvent stored : log) {
                TranscriptEvent e = stored.event();
                if (e instanceof TranscriptEvent.ConversationRated) {
                    throw new RatingRefusedException(id, "this conversation was rated already");
                } else if (e instanceof TranscriptEvent.Resolved r) {
                    resolvedBy = r.agent();
                } else if (e instanceof Escalated x) {
                    escalatedFor = x.intent() != null ? x.intent() : escalatedFor;
                    team = x.team();
                } else if (e instanceof TranscriptEvent.Transferred t) {
                    team = t.team();
                } else if (e instanceof BotAnswered a) {
                    answered = a.intent();
                }
            }
            TranscriptEvent rated = new TranscriptEvent.ConversationRated(
                    clock.instant(), score, redacted, resolvedBy, escalatedFor != null ? escalatedFor : answered, team);
            return new Appender.Step<>(List.of(rated), stored -> stored);
        });
    }

    /** The policy with the FAQ of {@code served}; built once per model. */
    private EscalationPolicy policyFor(FaqModel served) {
        ModelPolicy last = lastPolicy;
        if (last == null || last.model() != served) {
            last = new ModelPolicy(served, policy.withFaq(served.faq()));
            lastPolicy = last;
        }
        return last.policy();
    }

    private record ModelPolicy(FaqModel model, EscalationPolicy policy) {}

    /**
     * A redacted customer message, its detected language (null: not detected, taken to be the FAQ's default) and
     * what the model of that language predicted ({@code model} answers in it); {@code prediction} is null when the language is one the FAQ
     * does not cover (not classified). See {@link #classify}.
     */
    public record Classified(String redactedText, FaqModel model, IntentPrediction prediction, String language) {
        public Classified {
            Objects.requireNonNull(redactedText, "redactedText");
            Objects.requireNonNull(model, "model");
            if (prediction == null && language == null) {
                throw new IllegalArgumentException("only a message in an unsupported language goes unclassified");
            }
        }

        /** A classified message whose language was not detected. */
        public Classified(String redactedText, FaqModel model, IntentPrediction prediction) {
            this(redactedText, model, Objects.requireNonNull(prediction, "prediction"), null);
        }
    }

    private TranscriptEvent act(
            Decision decision,
            Map<IntentName, IntentDefinition> faq,
            List<StoredEvent> log,
            MessageId inReplyTo,
            Instant now) {
        if (decision instanceof Decision.Answer answer) {
            IntentDefinition def = faq.get(answer.intent());
            return new BotAnswered(
                    now, inReplyTo, answer.intent(), answer.confidence(), def.answer(), def.quickReplies());
        }
        if (decision instanceof Decision.Clarify clarify) {
            return new ClarificationOffered(now, inReplyTo, settings.clarificationPrompt(), clarify.options());
        }
        Decision.Escalate escalate = (Decision.Escalate) decision;
        return new Escalated(
                now,
                inReplyTo,
                escalate.reason(),
                escalate.intent(),
                escalationText(escalate, faq, now),
                team(escalate.intent(), faq, log),
                null);
    }

    /**
     * The team an escalation is routed to: that of the intent it is about if that names one, else that of the last
     * intent the bot answered in the conversation (its last confident guess), else none (null).
     */
    static String team(IntentName intent, Map<IntentName, IntentDefinition> faq, List<StoredEvent> log) {
        IntentDefinition def = intent == null ? null : faq.get(intent);
        if (def != null && !def.team().isEmpty()) {
            return def.team();
        }
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i).event() instanceof BotAnswered a) {
                IntentDefinition answered = faq.get(a.intent());
                return answered == null || answered.team().isEmpty() ? null : answered.team();
            }
        }
        return null;
    }

    /**
     * Outside opening hours, when the team is back and the offer to leave a message; else the FAQ answer of a handoff
     * or always-human intent (it says a person is coming), else the configured text.
     */
    private String escalationText(Decision.Escalate escalate, Map<IntentName, IntentDefinition> faq, Instant now) {
        OpeningHours schedule = hours.current();
        if (!schedule.isOpen(now)) {
            return schedule.nextOpening(now)
                    .map(next -> settings.outOfHoursMessage().replace("{next}", OpeningHours.describe(next)))
                    .orElse(settings.closedMessage());
        }
        boolean ownAnswer = escalate.reason() == EscalationReason.USER_REQUEST
                || escalate.reason() == EscalationReason.ALWAYS_HUMAN_INTENT;
        IntentDefinition def = escalate.intent() == null ? null : faq.get(escalate.intent());
        return ownAnswer && def != null && !def.answer().isEmpty() ? def.answer() : settings.escalationMessage();
    }

    private static ConversationState stateAfter(SessionState before, List<StoredEvent> stored) {
        return before.applyAll(stored).state();
    }

    /** The MessageReceived for {@code id} and the events recorded with it, or empty if it is new. */
    private static List<StoredEvent> eventsFor(MessageId id, List<StoredEvent> log) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).event() instanceof MessageReceived m && m.messageId().equals(id)) {
                int end = i + 1;
                while (end < log.size()
                        && !(log.get(end).event() instanceof MessageReceived)
                        && BotReply.of(log.get(end)).isPresent()) {
                    end++;
                }
                return log.subList(i, end);
            }
        }
        return List.of();
    }
}
