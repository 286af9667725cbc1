package dev.chatbot.web.http;

import dev.chatbot.web.error.ApiException;

/** Values of the API's query parameters and headers that more than one feature reads. */
public final class Queries {

    private Queries() {}

    /** A sequence number of {@code ?after=} or {@code Last-Event-ID}: 0 or more, else 400. */
    public static long sequence(String value) {
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("\"after\" must be a sequence number (0 or more)");
        }
    }
}
