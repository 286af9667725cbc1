package dev.chatbot.web.error;

import tools.jackson.core.JacksonException;

/** A JSON request body that does not read as what the request needs; answered 400, naming a field of the wrong type. */
public final class UnreadableBodyException extends RuntimeException {

    public UnreadableBodyException(JacksonException cause) {
        super(cause.getOriginalMessage(), cause, false, false);
    }
}
