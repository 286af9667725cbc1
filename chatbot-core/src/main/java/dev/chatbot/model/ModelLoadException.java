package dev.chatbot.model;

/** A model directory is missing, incomplete, corrupt or inconsistent; the message names the file. */
public final class ModelLoadException extends Exception {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
