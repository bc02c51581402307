package org.eprescription.api.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A headless Chromium driven through its chromedriver, both found on PATH ({@code chromium}, {@code chromedriver}).
 * Both binaries are given by path, so that Selenium Manager never tries to download a browser or a driver (the
 * network is closed but for package registries). A missing browser fails the test; the test command provisions it
 * before the integration tests ({@code src/test/scripts/provision-chromium.sh}).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = onPath("chromium");
    static final Path CHROMEDRIVER = onPath("chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Path profile;
    private final ChromeDriver driver;

    private Browser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** A browser whose preferred language is American English. */
    static Browser start() {
        return start("en-US");
    }

    /**
     * A browser whose preferred language is {@code language} (a BCP 47 tag such as {@code ja}): its interface
     * language and the languages it tells pages ({@code navigator.languages}, {@code Accept-Language}).
     */
    static Browser start(String language) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser test needs 'chromium' and 'chromedriver' on PATH:"
                    + " sudo apt-get install chromium chromium-driver on Debian (src/test/scripts/provision-chromium.sh"
                    + " says what to install elsewhere)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            Path profile = Files.createTempDirectory("pages-it-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--lang=" + language, "--window-size=1280,1000",
                    "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
            // plain WebDriver is all the test needs; no Chrome DevTools Protocol binding for this browser's version
            options.setCapability("se:cdpEnabled", false);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(5));
            return new Browser(profile, driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The executable {@code name} in a directory of PATH, or where it would be in /usr/bin. */
    private static Path onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst().orElse(Path.of("/usr/bin", name));
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens the page and waits until its live stream has delivered the snapshot. */
    void open(String url) {
        open(url, "live");
    }

    /** Opens the page and waits until its {@code #connection} element says {@code state} ("loaded" for a page without a stream). */
    void open(String url, String state) {
        driver.get(url);
        until(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state",
                state));
        // a reload would drop this mark: the tests check it is still there after the live changes
        driver.executeScript("window.notReloaded = true;");
    }

    boolean notReloaded() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("return window.notReloaded === true;"));
    }

    WebDriverWait until(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    WebElement waitFor(By locator, Duration timeout) {
        return until(timeout).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    /**
     * What {@code read} answers of the element {@code locator} finds, found again if a live change re-rendered it
     * meanwhile (a change may follow the one awaited: an interaction check moves the version on).
     */
    String read(By locator, Duration timeout, java.util.function.Function<WebElement, String> read) {
        return until(timeout).until(driver -> read.apply(driver.findElement(locator)));
    }

    /** Does {@code act} on the element {@code locator} finds, found again if a live change re-rendered it meanwhile. */
    void act(By locator, Duration timeout, java.util.function.Consumer<WebElement> act) {
        until(timeout).until(driver -> {
            act.accept(driver.findElement(locator));
            return true;
        });
    }

    /** Saves what the browser shows as target/screenshots/NAME.png and answers the file. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
