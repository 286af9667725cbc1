package dev.chatbot.web.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.web.testing.Browsers;
import dev.chatbot.web.testing.WebTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget on the demo shop page in a real browser (Debian Chromium, headless). One customer's visit, step
 * by step; screenshots go to {@code target/screenshots/}. Fails (never skips) when Chromium is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WidgetBrowserTest extends WebTestBase {

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
        return new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    private void screenshot(String name) {
        Browsers.screenshot(browser, name);
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
    @Order(1)
    void aShopQuestionOnTheDemoPageGetsTheFaqAnswer() {
        browser.get(baseUrl() + "/");
        assertThat(browser.getTitle()).contains("demo shop");
        waiting()
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cb-launch")))
                .sendKeys(Keys.ENTER);
        ask("How much does delivery cost?");
        waiting().until(d -> texts(".cb-bot").stream().anyMatch(t -> t.contains("delivery")));
        assertThat(texts(".cb-customer")).contains("How much does delivery cost?");
        assertThat(browser.findElements(By.cssSelector(".cb-quick button"))).isNotEmpty();
        // the first message went with the start of the conversation: one request, no separate message call
        assertThat(requested("/api/v1/conversations")).isEqualTo(1);
        assertThat(requested("/messages")).isZero();
        screenshot("1-answer");

        ask("Do you ship abroad?");
        waiting().until(d -> texts(".cb-customer").contains("Do you ship abroad?"));
        waiting().until(d -> requested("/messages") == 1);
        assertThat(requested("/api/v1/conversations")).isEqualTo(1);
    }

    /** How many requests of the page so far had a URL ending in {@code suffix} (the browser's resource timing). */
    private long requested(String suffix) {
        Object n = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript(
                        "var suffix = arguments[0]; return performance.getEntriesByType('resource').filter(function (e) {"
                                + " return e.name.split('?')[0].endsWith(suffix); }).length;",
                        suffix);
        return ((Number) n).longValue();
    }

    @Test
    @Order(2)
    void talkToAPersonShowsTheWaitingNotice() {
        browser.findElement(By.cssSelector(".cb-human")).click();
        waiting()
                .until(d -> texts(".cb-notice").stream().anyMatch(t -> t.contains("Waiting for a member of our team")));
        screenshot("2-waiting-for-a-person");
    }

    @Test
    @Order(3)
    void afterAReloadTheHistoryIsShown() {
        browser.navigate().refresh();
        waiting().until(d -> texts(".cb-customer").contains("How much does delivery cost?"));
        waiting()
                .until(d -> texts(".cb-notice").stream().anyMatch(t -> t.contains("Waiting for a member of our team")));
        assertThat(texts(".cb-bot")).anyMatch(t -> t.contains("delivery"));
        screenshot("3-history-after-reload");
    }

    @Test
    @Order(4)
    void markupInAMessageIsShownAsTextAndRunsNothing() {
        String attack = "<img src=x onerror=alert(1)>";
        ask(attack);
        waiting().until(d -> texts(".cb-customer").contains(attack));
        assertThat(browser.findElements(By.cssSelector(".cb-log img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        screenshot("4-markup-shown-as-text");
    }

    @Test
    @Order(5)
    void theWidgetFitsAPhoneScreen() {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        WebElement panel = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cb-panel")));
        assertThat(panel.getSize().getWidth()).isLessThanOrEqualTo(390);
        waiting().until(d -> texts(".cb-customer").contains("How much does delivery cost?"));
        screenshot("5-phone");
    }
}
