package org.eduequity.support.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Headless Chromium for journey tests: ONE browser per test class, driven through the Debian
 * {@code chromium} and {@code chromium-driver} packages. Register it in an {@code @IntegrationTest} class
 * with {@code @RegisterExtension static final BrowserExtension browser = new BrowserExtension();}.
 *
 * <ul>
 *   <li>Binary: {@code EDUEQUITY_CHROME_BINARY} or {@code /usr/bin/chromium}; driver:
 *   {@code EDUEQUITY_CHROMEDRIVER} or {@code /usr/bin/chromedriver}. The driver service is built with that
 *   file, so Selenium Manager never goes to the network.</li>
 *   <li>When either file is missing every test of the class is skipped (with a message naming the file), unless
 *   {@code CI} or {@code EDUEQUITY_REQUIRE_BROWSER} is set: then it fails.</li>
 *   <li>Before each test: cookies deleted (fresh session, Thai default language), desktop width restored.</li>
 *   <li>When a test fails: a screenshot and the page source are saved to
 *   {@code target/screenshots/<TestClass>-<method>.png/.html}.</li>
 * </ul>
 */
public class BrowserExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterTestExecutionCallback {

    public static final int PHONE = 360;
    public static final int DESKTOP = 1280;
    private static final int DESKTOP_HEIGHT = 900;
    private static final int PHONE_HEIGHT = 740;

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private WebDriver driver;
    private ChromeDriverService service;
    private Path userDataDir;
    private String baseUrl;
    private String skipReason;
    private int width = DESKTOP;

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path binary = Path.of(env("EDUEQUITY_CHROME_BINARY", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("EDUEQUITY_CHROMEDRIVER", "/usr/bin/chromedriver"));
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(binary)) {
            missing.add("Chromium binary " + binary + " (set EDUEQUITY_CHROME_BINARY)");
        }
        if (!Files.isExecutable(chromedriver)) {
            missing.add("ChromeDriver " + chromedriver + " (set EDUEQUITY_CHROMEDRIVER)");
        }
        if (!missing.isEmpty()) {
            String message = "Browser tests need " + String.join(" and ", missing)
                    + "; install with: apt-get install -y chromium chromium-driver fonts-thai-tlwg";
            if (browserRequired()) {
                throw new IllegalStateException(message + " [required: CI or EDUEQUITY_REQUIRE_BROWSER is set]");
            }
            // skipped test by test (in beforeEach), so the build's summary counts them as skipped
            skipReason = message + " [skipped locally; set EDUEQUITY_REQUIRE_BROWSER=true to fail instead]";
            System.err.println("SKIPPED " + context.getDisplayName() + ": " + skipReason);
            return;
        }

        userDataDir = Files.createTempDirectory("eduequity-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=" + DESKTOP + "," + DESKTOP_HEIGHT, "--lang=th",
                "--user-data-dir=" + userDataDir.toAbsolutePath());
        service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            cleanUp();
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        cleanUp();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(skipReason == null, () -> skipReason);
        String port = SpringExtension.getApplicationContext(context).getEnvironment().getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("No local.server.port: use BrowserExtension in an @IntegrationTest (RANDOM_PORT)");
        }
        baseUrl = "http://localhost:" + port;
        driver.manage().deleteAllCookies(); // the session of the previous test may belong to another domain page
        open("/login");
        driver.manage().deleteAllCookies(); // fresh session and the default (Thai) language for every test
        driver.get("about:blank");          // no page left over whose CSRF token belongs to a deleted session
        resize(DESKTOP);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty() || driver == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()
                + sanitise(context.getDisplayName());
        try {
            Files.createDirectories(SCREENSHOTS);
            Path png = SCREENSHOTS.resolve(name + ".png");
            Files.write(png, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), "<!-- " + driver.getCurrentUrl() + " -->\n"
                    + driver.getPageSource(), StandardCharsets.UTF_8);
            System.err.println("Browser test failed; screenshot: " + png.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save the failure screenshot: " + e);
        }
    }

    // ---------------------------------------------------------------- helpers for tests

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the application under test, e.g. {@code /login}. */
    public void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Opens the login page afresh (current CSRF token), logs in through the form and waits for the next page. */
    public void login(String username, String password) {
        open("/login");
        WebElement user = driver.findElement(By.id("username"));
        user.clear();
        user.sendKeys(username);
        WebElement pass = driver.findElement(By.id("password"));
        pass.clear();
        pass.sendKeys(password);
        WebElement submit = driver.findElement(By.id("login-submit"));
        submit.click();
        waitUntil(ExpectedConditions.stalenessOf(submit));
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Clicks and waits until the page it leads to has replaced this one. */
    public void clickAndWait(String css) {
        WebElement element = find(css);
        element.click();
        waitUntil(ExpectedConditions.stalenessOf(element));
    }

    public <T> T waitUntil(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition);
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The lang attribute of the page's {@code <html>}. */
    public String htmlLang() {
        return find("html").getAttribute("lang");
    }

    /**
     * Emulates a viewport {@code width} CSS px wide: below 600 a phone (mobile viewport, 740 px high),
     * otherwise a desktop window (900 px high). The current page is laid out afresh at once, and so is every
     * page opened later.
     */
    public void resize(int width) {
        this.width = width;
        boolean phone = width < 600;
        cdp("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", phone ? PHONE_HEIGHT : DESKTOP_HEIGHT,
                "deviceScaleFactor", 1, "mobile", phone));
    }

    /** The current page's content width and the viewport width, in CSS px: {scrollWidth, clientWidth}. */
    /** The outermost elements that stick out past the right edge of the viewport (to say what to fix). */
    public String overflowingElements() {
        return String.valueOf(script("""
                const w = document.documentElement.clientWidth;
                const out = [];
                for (const e of document.querySelectorAll('body *')) {
                  if (e.getBoundingClientRect().right > w + 1 && !(e.parentElement && out.includes(e.parentElement))) {
                    let inside = false;
                    for (let p = e.parentElement; p; p = p.parentElement) {
                      if (out.includes(p)) { inside = true; break; }
                    }
                    if (!inside) out.push(e);
                  }
                }
                const dims = ['main', 'section', '.table-wrap', 'body', 'html'].map(q => document.querySelector(q))
                  .filter(x => x).map(x => x.tagName + ':' + Math.round(x.getBoundingClientRect().width) + '/' + x.scrollWidth + '/' + getComputedStyle(x).overflowX);
                return dims.join(' ') + ' | ' + out.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                  + (e.className ? '.' + String(e.className).trim().replace(/\\s+/g, '.') : '')
                  + ' (' + Math.round(e.getBoundingClientRect().width) + 'px)').join(', ');"""));
    }

    public long[] contentAndViewportWidth() {
        @SuppressWarnings("unchecked")
        List<Number> w = (List<Number>) script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth, window.innerWidth];");
        return new long[] {w.get(0).longValue(), Math.min(w.get(1).longValue(), w.get(2).longValue())};
    }

    /**
     * Resizes to {@code width} (360 phone, 1280 desktop), then saves a full-page screenshot to
     * {@code target/screenshots/pages/<name>-<width>.png}. The width stays set afterwards.
     */
    public Path screenshot(String name, int width) {
        if (width != this.width) {
            resize(width);
        }
        waitForFonts();
        Number height = (Number) script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", height.intValue(), "scale", 1);
        Map<String, Object> shot = cdp("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Path file = SCREENSHOTS.resolve("pages").resolve(name + "-" + width + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Waits until the web fonts the page uses have loaded (so screenshots show Sarabun, not a fallback). */
    public void waitForFonts() {
        ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1]; document.fonts.ready.then(function () { done(true); });");
    }

    public int width() {
        return width;
    }

    // ---------------------------------------------------------------- internals

    private Map<String, Object> cdp(String command, Map<String, Object> params) {
        return ((ChromeDriver) driver).executeCdpCommand(command, params);
    }

    private void cleanUp() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } catch (RuntimeException e) {
            System.err.println("Could not quit ChromeDriver: " + e);
        } finally {
            driver = null;
            if (service != null && service.isRunning()) {
                service.stop();
            }
            service = null;
            deleteRecursively(userDataDir);
            userDataDir = null;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }

    private static boolean browserRequired() {
        return isSet(System.getenv("CI")) || isSet(System.getenv("EDUEQUITY_REQUIRE_BROWSER"));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank() && !"false".equalsIgnoreCase(value.trim());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String sanitise(String displayName) {
        if (displayName.endsWith("()")) {
            return "";
        }
        String s = displayName.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "" : "-" + s;
    }
}
