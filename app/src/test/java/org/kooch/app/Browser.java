package org.kooch.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (packages chromium and
 * chromium-driver, installed by {@code bin/kooch-browser} when missing): both paths are given, so Selenium Manager never looks for, or downloads, a
 * browser or a driver. Each instance has its own fresh profile directory.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  private final Path profile;

  Browser() throws IOException {
    installIfMissing();
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    profile = Files.createTempDirectory("kooch-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--window-size=1280,1800", "--lang=en-US");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
  }

  /** Opens the page and waits until its data has been rendered ({@code body[data-loaded]}) or an error shows. */
  void open(String url) throws InterruptedException {
    driver.get(url);
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      Object state = js("return document.body.dataset.loaded || document.body.dataset.error || null");
      if (state != null) {
        Thread.sleep(1200); // let the charts' entry animation finish before anyone looks
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("page did not load its data in 20 s: " + url + " status: " + js("return document.getElementById('status').textContent"));
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /**
   * On a fresh machine the test sets itself up, as {@code bin/kooch-clickhouse start} does for the
   * server: {@code bin/kooch-browser install} installs Debian's packages (as root or with sudo).
   */
  private static synchronized void installIfMissing() throws IOException {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    Path script = null;
    for (Path dir = Path.of("").toAbsolutePath(); dir != null && script == null; dir = dir.getParent()) {
      Path s = dir.resolve("bin/kooch-browser");
      script = Files.isExecutable(s) ? s : null;
    }
    if (script == null) {
      throw new IllegalStateException(CHROMIUM + " is missing, and so is bin/kooch-browser to install it");
    }
    Process p = new ProcessBuilder(script.toString(), "install").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(15, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("bin/kooch-browser install failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while installing Chromium");
    }
  }

  /** Saves what the browser shows as target/screenshots/NAME.png. */
  Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path target = SCREENSHOTS.resolve(name + ".png");
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
