package dev.chatbot.web.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.web.testing.Browsers;
import dev.chatbot.web.testing.WebTestBase;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A customer attaches a photo of a damaged parcel in the widget; the conversation goes to the team, and the agent sees
 * the photo in the console's transcript and opens it: the exact bytes the customer chose. Screenshots:
 * {@code target/screenshots/photo-*.png}.
 */
@Timeout(120)
class PhotoBrowserTest extends WebTestBase {

    private static ChromeDriver customer;
    private static ChromeDriver agent;

    @Autowired
    AgentDesk desk;

    @BeforeAll
    static void startBrowsers() {
        customer = Browsers.start();
        agent = Browsers.start();
    }

    @AfterAll
    static void stopBrowsers() {
        Browsers.quit(customer);
        Browsers.quit(agent);
    }

    private static WebDriverWait waiting(ChromeDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.pollingEvery(Duration.ofMillis(50));
        return wait;
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(ChromeDriver browser, String css) {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(function (e) { return e.innerText; });",
                css);
    }

    private static byte[] photoOfADamagedParcel() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xc8, 0x9b, 0x5a));
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.BLACK);
        g.drawLine(5, 5, 58, 42);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void aPhotoAttachedInTheWidgetReachesTheAgentWhoOpensTheSameBytes() throws Exception {
        for (QueueEntry waiting : desk.queue()) { // the console's first page should show this customer at once
            desk.resolve(waiting.conversationId(), AgentId.of(ADMIN));
        }
        byte[] photo = photoOfADamagedParcel();
        Path file = Files.createTempFile("damaged-parcel", ".png");
        Files.write(file, photo);

        customer.get(baseUrl() + "/");
        customer.executeScript("localStorage.clear(); sessionStorage.clear();");
        customer.navigate().refresh();
        waiting(customer)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-launch")))
                .click();
        customer.findElement(By.cssSelector(".cb-photo-input"))
                .sendKeys(file.toAbsolutePath().toString());
        waiting(customer)
                .until(d -> texts(customer, ".cb-bot").stream().anyMatch(t -> t.contains("we got your photo")));
        waiting(customer)
                .until(d -> texts(customer, ".cb-notice").stream()
                        .anyMatch(t -> t.contains("Waiting for a member of our team")));
        assertThat(texts(customer, ".cb-customer")).contains("[photo]");
        Browsers.screenshot(customer, "photo-widget");
        String id = (String) customer.executeScript(
                "return JSON.parse(localStorage.getItem('chatbot:' + location.origin) || '{}').id;");

        agent.get(baseUrl() + "/console");
        waiting(agent).until(ExpectedConditions.urlContains("/login"));
        agent.findElement(By.name("username")).sendKeys(ADMIN);
        agent.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD, Keys.ENTER);
        Browsers.awaitPageReady(waiting(agent));
        String item = ".queue-item[data-conversation-id='" + id + "']";
        waiting(agent).until(ExpectedConditions.elementToBeClickable(By.cssSelector(item)));
        assertThat(agent.findElement(By.cssSelector(item)).getText()).containsIgnoringCase("media");
        waiting(agent).until(d -> {
            d.findElement(By.cssSelector(item)).click();
            return true;
        });
        WebElement shown = waiting(agent)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#transcript img.ev-photo")));
        waiting(agent)
                .until(d -> Boolean.TRUE.equals(((ChromeDriver) d)
                        .executeScript("return arguments[0].complete && arguments[0].naturalWidth === 64;", shown)));
        Browsers.screenshot(agent, "photo-console");

        // opening it (the link around the photo) gives exactly what the customer chose
        String href = agent.findElement(By.cssSelector("#transcript a:has(img.ev-photo)"))
                .getDomProperty("href");
        Object opened = agent.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(function (r) { return r.arrayBuffer(); }).then(function (b) {"
                        + "  var s = ''; new Uint8Array(b).forEach(function (x) { s += String.fromCharCode(x); });"
                        + "  done(btoa(s)); }).catch(function (e) { done('failed: ' + e); });",
                href);
        assertThat(Base64.getDecoder().decode((String) opened)).isEqualTo(photo);
        Files.deleteIfExists(file);
    }
}
