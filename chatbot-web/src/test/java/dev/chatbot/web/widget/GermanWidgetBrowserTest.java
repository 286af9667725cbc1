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
 * conversation is answered in English. On a German page the widget's own texts are German.
 * Screenshots: {@code target/screenshots/german-answer.png}, {@code german-widget.png}.
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
    void theWidgetSpeaksThePagesLanguage() {
        browser.get(baseUrl() + "/");
        assertThat(waiting()
                        .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-launch")))
                        .getText())
                .isEqualTo("Chat with us");

        // the same page in German (its <html lang>), with the widget loaded again
        browser.executeScript("localStorage.clear();"
                + "document.querySelector('.cb-root').remove();"
                + "document.querySelector('script[data-chatbot-url]').remove();"
                + "document.documentElement.lang = 'de';"
                + "var s = document.createElement('script');"
                + "s.src = '/widget.js'; s.setAttribute('data-chatbot-url', '');"
                + "document.body.appendChild(s);");
        WebElement launch = waiting()
                .until(d -> d.findElements(By.cssSelector(".cb-launch")).stream()
                        .filter(b -> b.getText().equals("Chatten Sie mit uns"))
                        .findFirst()
                        .orElse(null));
        launch.click();
        WebElement input = waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-input")));
        assertThat(input.getAttribute("placeholder")).isEqualTo("Fragen Sie uns etwas\u2026");
        assertThat(browser.findElement(By.cssSelector(".cb-human")).getText()).isEqualTo("Mit einem Menschen sprechen");
        assertThat(browser.findElement(By.cssSelector(".cb-send")).getText()).isEqualTo("Senden");
        assertThat(browser.findElement(By.cssSelector(".cb-panel")).getAttribute("aria-label"))
                .isEqualTo("Kundenservice");
        Browsers.screenshot(browser, "german-widget");
        browser.findElement(By.cssSelector(".cb-close")).click();
        browser.executeScript("localStorage.clear();"); // the next test starts on a closed widget
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
