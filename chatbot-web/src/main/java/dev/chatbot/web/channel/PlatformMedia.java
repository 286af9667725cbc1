package dev.chatbot.web.channel;

import dev.chatbot.channel.MediaReference;
import dev.chatbot.web.config.ChatbotProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches a customer's photo, voice note or document from the platform it came through, when an agent opens it
 * (nothing of the file is kept): WhatsApp through the Graph API ({@code GET <graphBaseUrl>/<mediaId>} gives a
 * short-lived URL, fetched with the same access token), Telegram through the Bot API ({@code getFile}, then
 * {@code <apiBaseUrl>/file/bot<token>/<file_path>}). Blocking (JDK HTTP client): call on an I/O thread.
 */
public final class PlatformMedia {

    /** The largest file passed on to an agent (WhatsApp allows 100 MB documents; the console is no file store). */
    static final long MAX_BYTES = 25L * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A fetched file and the type the platform gave it. */
    public record Fetched(byte[] bytes, String mimeType) {}

    private final ChatbotProperties.WhatsApp whatsapp;
    private final ChatbotProperties.Telegram telegram;
    private final Duration timeout;
    private final HttpClient client;

    public PlatformMedia(ChatbotProperties.WhatsApp whatsapp, ChatbotProperties.Telegram telegram, Duration timeout) {
        this.whatsapp = whatsapp;
        this.telegram = telegram;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * @throws IOException when the platform does not give the file (expired, too large, not configured)
     */
    public Fetched fetch(MediaReference media) throws IOException, InterruptedException {
        return switch (media.channel()) {
            case "whatsapp" -> whatsApp(media);
            case "telegram" -> telegram(media);
            default -> throw new IOException("files sent on " + media.channel() + " cannot be fetched");
        };
    }

    private Fetched whatsApp(MediaReference media) throws IOException, InterruptedException {
        if (whatsapp.accessToken() == null || whatsapp.accessToken().isBlank() || whatsapp.graphBaseUrl() == null) {
            throw new IOException("WhatsApp's access token is not configured");
        }
        String auth = "Bearer " + whatsapp.accessToken();
        JsonNode info = json(get(
                slash(whatsapp.graphBaseUrl()) + URLEncoder.encode(media.reference(), StandardCharsets.UTF_8), auth));
        String url = info.path("url").asString("");
        if (url.isBlank()) {
            throw new IOException("the Graph API gave no URL for this file");
        }
        return fetched(get(url, auth), info.path("mime_type").asString(media.mimeType()));
    }

    private Fetched telegram(MediaReference media) throws IOException, InterruptedException {
        if (telegram.botToken() == null || telegram.botToken().isBlank() || telegram.apiBaseUrl() == null) {
            throw new IOException("Telegram's bot token is not configured");
        }
        String base = slash(telegram.apiBaseUrl());
        JsonNode file = json(get(
                base + "bot" + telegram.botToken() + "/getFile?file_id="
                        + URLEncoder.encode(media.reference(), StandardCharsets.UTF_8),
                null));
        String path = file.path("result").path("file_path").asString("");
        if (path.isBlank() || path.contains("..")) {
            throw new IOException("the Bot API gave no file path for this file");
        }
        return fetched(get(base + "file/bot" + telegram.botToken() + "/" + path, null), media.mimeType());
    }

    private HttpResponse<byte[]> get(String url, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the platform answered " + response.statusCode());
        }
        if (response.body().length > MAX_BYTES) {
            throw new IOException("the file is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        return response;
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        try {
            return JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException("the platform's answer is not JSON");
        }
    }

    private static Fetched fetched(HttpResponse<byte[]> response, String mimeType) {
        String type = mimeType == null || mimeType.isBlank()
                ? response.headers().firstValue("Content-Type").orElse("application/octet-stream")
                : mimeType;
        return new Fetched(response.body(), type);
    }

    private static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
