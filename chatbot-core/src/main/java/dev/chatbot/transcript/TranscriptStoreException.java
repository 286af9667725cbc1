package dev.chatbot.transcript;

/** The store could not do its job (I/O error, unreadable data, lost connection): nothing was acknowledged. */
public class TranscriptStoreException extends RuntimeException {

    public TranscriptStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public TranscriptStoreException(String message) {
        super(message);
    }
}
