package dev.chatbot.web.console.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.store.Stores;
import dev.chatbot.web.testing.Browsers;
import dev.chatbot.web.testing.WebTestBase;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * An admin reads the trend charts of a seeded past period in a real browser, and each chart's CSV download holds what
 * the chart draws. Screenshot: {@code target/screenshots/trends.png}.
 */
@Timeout(120)
class TrendsBrowserTest extends WebTestBase {

    private static final LocalDate FIRST = LocalDate.parse("2021-03-01");
    private static ChromeDriver browser;

    @Autowired
    Stores stores;

    @BeforeAll
    static void startBrowser() {
        browser = Browsers.start();
    }

    @AfterAll
    static void stopBrowser() {
        Browsers.quit(browser);
    }

    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.pollingEvery(Duration.ofMillis(50));
        return wait;
    }

    /** The values a chart draws, by "side/series/bucket", as the points' data attributes carry them. */
    private static Map<String, Double> drawn(String chart) {
        Map<String, Double> out = new TreeMap<>();
        for (WebElement dot :
                browser.findElements(By.cssSelector("#trends figure[data-chart='" + chart + "'] circle.point"))) {
            String side = dot.getAttribute("class").contains("current") ? "current" : "previous";
            out.put(
                    side + "/" + dot.getAttribute("data-series") + "/" + dot.getAttribute("data-index"),
                    Double.valueOf(dot.getAttribute("data-value")));
        }
        return out;
    }

    /** The same from a chart's CSV: each non-empty value cell by "side/series/row". */
    private static Map<String, Double> fromCsv(String csv) {
        List<String> lines = csv.lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(","));
        Map<String, Double> out = new TreeMap<>();
        for (int row = 1; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",", -1);
            for (int c = 4; c < cells.length; c++) { // after day, previous_day, start, previous_start
                if (cells[c].isEmpty()) {
                    continue;
                }
                String column = header.get(c);
                String key = column.startsWith("previous_")
                        ? "previous/" + column.substring("previous_".length())
                        : "current/" + column;
                out.put(key + "/" + (row - 1), Double.valueOf(cells[c]));
            }
        }
        return out;
    }

    @Test
    void theChartsShowTheSeededNumbersAndEachCsvHoldsWhatItsChartDraws() {
        TrendsSeed.seed(stores.transcripts(), FIRST);
        logIn();
        waiting()
                .until(ExpectedConditions.elementToBeClickable(By.id("view-insights")))
                .click();
        waiting().until(d -> "true".equals(d.findElement(By.id("trends")).getAttribute("data-loaded")));
        browser.executeScript(
                "document.getElementById('insights-from').value = arguments[0];"
                        + "document.getElementById('insights-to').value = arguments[1];",
                FIRST.toString(),
                FIRST.plusDays(2).toString());
        browser.findElement(By.cssSelector("#period button[type=submit]")).click();
        waiting()
                .until(d -> "true".equals(d.findElement(By.id("trends")).getAttribute("data-loaded"))
                        && d.findElement(By.id("trends-status")).getText().contains("2021-02-26")
                        && d.findElement(By.id("trends-status")).getText().contains("days in UTC"));

        assertThat(browser.findElements(By.cssSelector("#trends figure.trend-card svg[role=img]")))
                .hasSize(6);
        assertThat(drawn("conversations"))
                .containsEntry("current/conversations/0", 3.0)
                .containsEntry("current/conversations/1", 0.0)
                .containsEntry("current/conversations/2", 1.0)
                .containsEntry("previous/conversations/2", 1.0);
        assertThat(drawn("containment").get("current/containment/0"))
                .isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(drawn("containment"))
                .doesNotContainKey("current/containment/1")
                .containsEntry("current/containment/2", 0.0);
        assertThat(drawn("escalations"))
                .containsEntry("current/USER_REQUEST/0", 1.0)
                .containsEntry("current/LOW_CONFIDENCE/2", 1.0)
                .containsEntry("previous/USER_REQUEST/2", 1.0);
        assertThat(drawn("rating-average"))
                .containsEntry("current/average/0", 4.0)
                .containsEntry("current/average/2", 2.0)
                .doesNotContainKey("current/average/1");
        assertThat(drawn("first-response"))
                .containsEntry("current/median/0", 90.0)
                .containsEntry("current/p90/2", 30.0)
                .containsEntry("previous/median/2", 300.0);
        assertThat(browser.findElement(By.cssSelector("#trends figure[data-chart=conversations] svg"))
                        .getAttribute("aria-label"))
                .contains("conversations: 3, 0, 1");
        browser.executeScript("document.getElementById('trends-heading').scrollIntoView()");
        Browsers.screenshot(browser, "trends");

        for (WebElement figure : browser.findElements(By.cssSelector("#trends figure.trend-card"))) {
            String chart = figure.getAttribute("data-chart");
            String href = figure.findElement(By.cssSelector("a.trend-csv")).getAttribute("href");
            assertThat(href).contains("/insights/trends/" + chart + ".csv?from=2021-03-01&to=2021-03-03");
            Object csv = browser.executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.text(); })"
                            + ".then(done, function (e) { done('failed: ' + e); });",
                    href);
            assertThat(fromCsv((String) csv)).as(chart).isEqualTo(drawn(chart));
        }
    }

    private void logIn() {
        browser.manage().deleteAllCookies();
        browser.get(baseUrl() + "/console");
        waiting().until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.name("username")).sendKeys(ADMIN);
        browser.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD, Keys.ENTER);
        Browsers.awaitPageReady(waiting());
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("views")));
    }
}
