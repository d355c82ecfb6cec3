package io.kurobe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gateway's web page in a real browser (Debian's headless chromium driven by its chromedriver) against the six
 * packaged services: a person enters the key, asks, watches the five stages tick and reads the answer.
 * Without chromium or chromedriver the test fails and names the packages; KUROBE_BROWSER_TESTS=off skips it.
 */
class WebPageEndToEndTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration ANSWER = Duration.ofSeconds(120);
    private static final List<String> STAGES = List.of("INTENT", "SCHEMA", "CANDIDATE", "SELECTION", "PANEL");

    private static Stack stack;
    private ChromeDriverService service;
    private WebDriver browser;
    private String testName;

    @BeforeAll
    static void startStack() throws Exception {
        Assumptions.assumeFalse("off".equalsIgnoreCase(System.getenv("KUROBE_BROWSER_TESTS")),
                "KUROBE_BROWSER_TESTS=off: the browser test is skipped");
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install Debian's packages with `apt-get install -y chromium chromium-driver`"
                    + " (or set KUROBE_BROWSER_TESTS=off to skip it)");
        }
        stack = Stack.start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void openBrowser(TestInfo info) throws Exception {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        // a fresh profile each time: chromium as root on a closed network hangs on a reused or default one
        Path profile = Files.createTempDirectory(stack.work, "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1600", "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(stack.work.resolve("logs/chromedriver-" + testName + ".log").toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void askedOnThePageTheStagesTickAndTheKpiMatchesDuckDb() throws Exception {
        String question = "How many orders were placed in 2024?";
        watched(() -> {
            openPageWithKey();
            ask(question);
            awaitStagesDone();
            WebElement kpi = await("the KPI panel", By.cssSelector("#panels .panel .kpi"));
            long expected = duckDb("SELECT count(*) FROM orders WHERE order_date >= DATE '2024-01-01' "
                    + "AND order_date < DATE '2025-01-01'");
            assertEquals(expected, Long.parseLong(kpi.getText().replaceAll("[^0-9]", "")),
                    "the KPI figure on the page is the number of 2024 orders in DuckDB (shown: " + kpi.getText() + ")");

            WebElement sqlBox = browser.findElement(By.id("sql-box"));
            assertTrue(sqlBox.isDisplayed(), "the SQL box is shown");
            String sql = browser.findElement(By.id("sql")).getText();
            assertTrue(sql.toUpperCase().contains("SELECT") && sql.toLowerCase().contains("orders"),
                    "the SQL is shown: " + sql);
            assertEquals(expected, duckDb(sql), "the SQL shown on the page, run on DuckDB, gives the figure");

            wait(ANSWER).withMessage("the question in the recent list").until(d ->
                    d.findElements(By.cssSelector("#recent li button")).stream()
                            .anyMatch(b -> b.getText().equals(question)));

            // "Right" keeps the answer as an example of the demo connection
            browser.findElement(By.id("feedback-right")).click();
            WebElement note = await("the feedback note", By.id("feedback-note"));
            wait(Duration.ofSeconds(30)).withMessage(() -> "the example kept, note: " + note.getText())
                    .until(d -> note.getText().startsWith("Kept as an example of connection demo"));
            JsonNode examples = new Api(stack.get("gateway").url(), stack.apiKey)
                    .get("/api/connections/demo/examples", 200);
            assertTrue(examples.toString().contains(question), examples.toString());
        });
    }

    @Test
    void groupedQuestionShowsOneCategoryPerStatus() throws Exception {
        watched(() -> {
            openPageWithKey();
            ask("What is the total amount of orders by status?");
            awaitStagesDone();
            long statuses = duckDb("SELECT count(DISTINCT status) FROM orders");
            assertTrue(statuses > 1, "the demo data has several statuses");

            WebElement panel = await("an answer panel", By.cssSelector("#panels .panel"));
            assertTrue(browser.findElements(By.cssSelector("#panels .panel .kpi")).isEmpty(),
                    "a grouped question is not answered by a single figure");
            List<WebElement> rows = panel.findElements(By.cssSelector("table tbody tr"));
            assertEquals(statuses, rows.size(), "one table row per order status");
            List<WebElement> charts = panel.findElements(By.cssSelector("svg.chart"));
            if (!charts.isEmpty()) {
                int marks = charts.get(0).findElements(By.cssSelector("rect.bar, circle.point")).size();
                assertEquals(statuses, marks, "one bar or point per order status in the chart");
            }
            assertFalse(rows.get(0).findElements(By.tagName("td")).isEmpty(), "rows carry cells");
            if (!browser.findElements(By.cssSelector("#panels svg.chart")).isEmpty()) {
                assertEquals(1, browser.findElements(By.cssSelector("#panels table")).size(),
                        "the chart does not repeat the table panel's rows under it");
            }
        });
    }

    private void openPageWithKey() {
        browser.get(stack.get("gateway").url() + "/");
        WebElement key = await("the API key field", By.id("api-key"));
        key.clear();
        key.sendKeys(stack.apiKey);
        // leaving the field stores the key and loads the recent questions
        browser.findElement(By.id("question")).click();
        wait(Duration.ofSeconds(30)).withMessage("the recent list loaded with the key").until(d ->
                !d.findElement(By.id("recent")).getText().contains("Enter your API key"));
    }

    private void ask(String question) {
        WebElement field = browser.findElement(By.id("question"));
        field.clear();
        field.sendKeys(question);
        browser.findElement(By.id("ask-button")).click();
        wait(Duration.ofSeconds(30)).withMessage("the pipeline section or an error shown").until(d ->
                d.findElement(By.id("run")).isDisplayed() || d.findElement(By.id("ask-error")).isDisplayed());
        WebElement error = browser.findElement(By.id("ask-error"));
        assertFalse(error.isDisplayed(), () -> "asking failed: " + error.getText());
    }

    private void awaitStagesDone() {
        wait(ANSWER).withMessage(() -> "the five stages done, page shows: "
                + browser.findElement(By.id("stages")).getText().replace('\n', ' ')).until(d ->
                STAGES.stream().allMatch(stage -> d.findElements(
                        By.cssSelector(".stage.done[data-stage='" + stage + "']")).size() == 1));
        for (String stage : STAGES) {
            WebElement item = browser.findElement(By.cssSelector(".stage[data-stage='" + stage + "']"));
            assertEquals("✓", item.findElement(By.cssSelector(".dot")).getText(), stage + " ticked");
        }
        assertTrue(browser.findElements(By.cssSelector("#failure:not([hidden])")).isEmpty(), "no failure shown");
    }

    private WebElement await(String what, By by) {
        return wait(ANSWER).withMessage(what).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    private WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(200));
    }

    private interface Steps {
        void run() throws Exception;
    }

    /** Runs the steps and keeps a screenshot of the page in target/screenshots/, named failed-... on a failure. */
    private void watched(Steps steps) throws Exception {
        try {
            steps.run();
            screenshot("answered-" + testName);
        } catch (Exception | AssertionError e) {
            Path shot = screenshot("failed-" + testName);
            if (shot != null) {
                e.addSuppressed(new AssertionError("screenshot of the page: " + shot));
            }
            throw e;
        }
    }

    private Path screenshot(String name) {
        try {
            File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Path target = Path.of("target", "screenshots", name + ".png").toAbsolutePath();
            Files.createDirectories(target.getParent());
            Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("WebPageEndToEndTest: screenshot of the page at " + target);
            return target;
        } catch (Exception | Error e) {
            System.err.println("WebPageEndToEndTest: no screenshot: " + e);
            return null;
        }
    }

    private static long duckDb(String sql) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + stack.demoDb, readOnly);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "no row from " + sql);
            return rs.getLong(1);
        }
    }
}
