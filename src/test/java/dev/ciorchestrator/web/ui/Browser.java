package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.testing.RequiredTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its ChromeDriver (both from the Debian packages {@code
 * chromium} and {@code chromium-driver}; nothing is downloaded), with a fresh profile and no
 * background networking: this machine's network is closed.
 */
final class Browser implements AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final ChromeDriver driver;
  private final String base;

  private Browser(ChromeDriver driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  /** Skips the test without Chromium and its driver, or fails it under {@code CI=true}. */
  static Browser open(String base, Path profile) {
    Path chromium = RequiredTools.require("chromium", "Debian package chromium: the browser tests");
    Path chromedriver =
        RequiredTools.require("chromedriver", "Debian package chromium-driver: drives Chromium");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1280,1000");
    return new Browser(new ChromeDriver(service, options), base);
  }

  void go(String path) {
    driver.get(base + path);
  }

  String path() {
    return driver.getCurrentUrl().substring(base.length());
  }

  /** The first element {@code css} selects; a failure shows the page and where it is. */
  WebElement find(String css) {
    List<WebElement> found = all(css);
    if (found.isEmpty()) {
      throw new AssertionError("no " + css + " on " + path() + "\n" + source());
    }
    return found.get(0);
  }

  /**
   * Clicks the link or button {@code css} selects and waits for the page it leads to: a click
   * returns before the next page loads, and a check made then would read the old page.
   */
  void follow(String css) throws InterruptedException {
    script("window.ciOldPage = true;");
    find(css).click();
    until(
        "a new page after clicking " + css,
        () ->
            Boolean.TRUE.equals(
                script("return !window.ciOldPage && document.readyState === 'complete';")));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Runs an asynchronous script: its last argument is the callback to call with the result. */
  Object asyncScript(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Polls {@code done} until true; a minute guards a hang, and the failure shows the page. */
  void until(String what, Supplier<Boolean> done) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!Boolean.TRUE.equals(done.get())) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "not reached within " + PATIENCE.toSeconds() + " s: " + what + "\n" + source());
      }
      Thread.sleep(100);
    }
  }

  String source() {
    return driver.getPageSource();
  }

  /** The visible page as a PNG at {@code file}. */
  void screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Forgets the session: the next page is an anonymous visitor's. */
  void clearCookies() {
    driver.manage().deleteAllCookies();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
