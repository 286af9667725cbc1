package dev.chatbot.web.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.web.testing.Browsers;
import dev.chatbot.web.testing.WebTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A customer who writes German in the widget (real Chromium, the shipped model) is answered by the German model, in
 * German, with German quick replies that are answered in German too; then an English question in the same
 * conversation is answered in English.
 * Screenshot: {@code target/screenshots/german-answer.png}.
 */
class GermanWidgetBrowserTest extends WebTestBase {

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browsers.start();
    }

    @AfterAll
    static void stopBrowser() {
        Browsers.quit(browser);
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private void ask(String text) {
        WebElement input = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-input")));
        input.sendKeys(text, Keys.ENTER);
    }

    private List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void aGermanQuestionIsAnsweredInGerman() {
        browser.get(baseUrl() + "/");
        waiting()
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-launch")))
                .sendKeys(Keys.ENTER);
        ask("Wie viel kostet bei euch die Lieferung nach Hause?");
        waiting().until(d -> texts(".cb-bot").stream().anyMatch(t -> t.contains("Standardversand kostet 4,95 €")));
        assertThat(texts(".cb-bot")).noneMatch(t -> t.contains("Standard delivery costs"));
        assertThat(texts(".cb-quick button")).contains("Lieferung ins Ausland");
        Browsers.screenshot(browser, "german-answer");

        // a German quick reply is too short to tell its language, and is still answered in German
        browser.findElements(By.cssSelector(".cb-quick button")).stream()
                .filter(b -> b.getText().equals("Lieferung ins Ausland"))
                .findFirst()
                .orElseThrow()
                .click();
        waiting().until(d -> texts(".cb-bot").stream().anyMatch(t -> t.contains("Wir liefern in 14 Länder")));

        ask("What are your opening hours on Saturday?");
        waiting().until(d -> texts(".cb-bot").stream().anyMatch(t -> t.contains("Our Kestrel Bay shop is open")));
    }
}
