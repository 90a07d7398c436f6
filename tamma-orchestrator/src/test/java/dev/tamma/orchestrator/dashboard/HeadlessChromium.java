package dev.tamma.orchestrator.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium, headless, driven through the system's chromedriver: Debian's
 * {@code chromium} and {@code chromium-driver} packages, found on the PATH or named by the system
 * properties {@code tamma.test.chromium} and {@code tamma.test.chromedriver}. Both are named
 * explicitly, so Selenium never looks for (or downloads) a browser of its own. The few DevTools
 * commands go through chromedriver ({@code executeCdpCommand}), so Selenium's warning that it has no
 * CDP implementation for this Chromium version does not matter.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(Path browser, Path chromedriver) throws IOException {
        profile = Files.createTempDirectory("tamma-chromium-");
        Files.createDirectories(SCREENSHOTS);
        service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log")).build();
        ChromeOptions options = new ChromeOptions().setBinary(browser.toFile()).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1400", "--user-data-dir=" + profile);
        driver = new ChromeDriver(service, options);
    }

    /** Starts the browser, or skips the calling test, saying which program is missing. */
    static HeadlessChromium start() throws IOException {
        Optional<Path> browser = find("tamma.test.chromium", "chromium", "chromium-browser");
        Optional<Path> chromedriver = find("tamma.test.chromedriver", "chromedriver");
        assumeTrue(browser.isPresent() && chromedriver.isPresent(), () -> "The browser test needs Chromium and "
                + "chromedriver (Debian: apt-get install chromium chromium-driver, or name them with "
                + "-Dtamma.test.chromium=PATH -Dtamma.test.chromedriver=PATH); not found: " + String.join(" and ",
                        Stream.of(browser.isEmpty() ? "chromium" : "", chromedriver.isEmpty() ? "chromedriver" : "")
                                .filter(name -> !name.isEmpty()).toList()));
        return new HeadlessChromium(browser.get(), chromedriver.get());
    }

    ChromeDriver driver() {
        return driver;
    }

    /** What the open tab shows, as {@code target/screenshots/NAME.png}. */
    Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Makes the open tab's pages say the system prefers {@code scheme} ("light" or "dark"). */
    void prefer(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Runs {@code script} in the open tab before any page's own scripts, on every page it loads from now on. */
    void beforeEveryPage(String script) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.close();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Optional<Path> find(String property, String... names) {
        String named = System.getProperty(property);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }
}
