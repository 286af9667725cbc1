package dev.chatbot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Redis for tests. {@link #url()} uses {@code CHATBOT_TEST_REDIS_URL} (system property or environment
 * variable) when set, otherwise starts {@code redis-server} from the PATH on a free port once per JVM (stopped
 * at exit). {@link #start} always starts a private server, for tests that restart it. When no server can be
 * had, tests fail (they are never skipped) with a message saying how to fix it.
 */
public final class RedisTestServer implements AutoCloseable {

    public static final String URL_PROPERTY = "CHATBOT_TEST_REDIS_URL";
    private static final String HOW_TO_FIX = "Redis tests need a real redis-server: install it "
            + "(apt-get install -y redis-server) so it is on the PATH, or set " + URL_PROPERTY
            + "=redis://host:port (system property or environment variable)";

    private static RedisTestServer shared;

    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private Process process;

    private RedisTestServer(int port, Path dir, List<String> extraArgs) {
        this.port = port;
        this.dir = dir;
        this.extraArgs = extraArgs;
    }

    /** The URL of the Redis shared by the tests of this JVM. */
    public static synchronized String url() {
        String configured = System.getProperty(URL_PROPERTY, System.getenv(URL_PROPERTY));
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        if (shared == null) {
            shared = start("--save", "", "--appendonly", "no");
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared.serverUrl();
    }

    /** Starts a private redis-server on a free port with these extra arguments (e.g. persistence settings). */
    public static RedisTestServer start(String... extraArgs) {
        try {
            Path dir = Files.createTempDirectory("chatbot-redis-test");
            RedisTestServer server = new RedisTestServer(freePort(), dir, List.of(extraArgs));
            server.launch();
            return server;
        } catch (IOException e) {
            throw new AssertionError(HOW_TO_FIX + " (" + e.getMessage() + ")", e);
        }
    }

    public String serverUrl() {
        return "redis://127.0.0.1:" + port;
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString()));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError(HOW_TO_FIX + " (cannot run redis-server: " + e.getMessage() + ")", e);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server exited with " + process.exitValue() + "; see "
                        + dir.resolve("redis.log") + "\n" + Files.readString(dir.resolve("redis.log")));
            }
            if (pong()) {
                return;
            }
            sleep(20); // polling PING under the deadline above: redis-server tells nothing else when it is ready
        }
        throw new AssertionError("redis-server did not answer PING on port " + port + " within 10 s");
    }

    /** Kills the server hard (SIGKILL), like a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts the server again on the same port and directory (after {@link #kill()}). */
    public void restart() throws IOException {
        launch();
    }

    private boolean pong() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
