package dev.chatbot.transcript;

/** Why a conversation was handed to a person. The names are part of the API and the event schema. */
public enum EscalationReason {
    /** The best intent was below the confidence threshold, or the classifier rejected the message. */
    LOW_CONFIDENCE,
    /** The top intents stayed too close after a clarifying choice was offered and not taken up. */
    AMBIGUOUS,
    /** The customer asked for a person (the handoff intent or the "talk to a person" button). */
    USER_REQUEST,
    /** Too many misses (clarifications, unhelpful answers) in one conversation. */
    REPEATED_MISS,
    /** The intent is configured to always go to a person (for example a formal complaint). */
    ALWAYS_HUMAN_INTENT,
    /** The customer sent a photo, voice note, video, document, location or sticker: a person has to look at it. */
    MEDIA,
    /** The message is in a language the FAQ does not answer in: not classified, routed to agents who speak it. */
    UNSUPPORTED_LANGUAGE
}
