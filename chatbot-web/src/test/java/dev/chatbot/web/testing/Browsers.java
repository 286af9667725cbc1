package dev.chatbot.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium sessions for browser tests (each with a fresh profile, so two sessions share no
 * cookies or storage), and screenshots under {@code target/screenshots/}. Fails (never skips) without Chromium.
 */
public final class Browsers {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Each session's throw-away profile directory, deleted when the session quits. */
    private static final Map<ChromeDriver, Path> PROFILES = new ConcurrentHashMap<>();

    private Browsers() {}

    public static ChromeDriver start() {
        assertThat(new File(CHROMIUM).canExecute())
                .as("Chromium is needed: apt-get install -y chromium chromium-driver")
                .isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute())
                .as("chromedriver is needed: apt-get install -y chromium-driver")
                .isTrue();
        try {
            Path profile = Files.createTempDirectory("chatbot-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile,
                    "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            Files.createDirectories(SCREENSHOTS);
            ChromeDriver browser = new ChromeDriver(service, options);
            PROFILES.put(browser, profile);
            return browser;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits with {@code wait} until the page says it is ready ({@code <body data-ready="true">}), looking again when
     * the page before it went in the middle of a check.
     */
    public static void awaitPageReady(WebDriverWait wait) {
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    public static void screenshot(ChromeDriver browser, String name) {
        try {
            Files.copy(
                    browser.getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void quit(ChromeDriver browser) {
        if (browser != null) {
            browser.quit();
            Path profile = PROFILES.remove(browser);
            if (profile != null) {
                deleteQuietly(profile);
            }
        }
    }

    /** Best effort: a profile left behind is only disk space in the temporary directory. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // ignore: see above
        }
    }
}
