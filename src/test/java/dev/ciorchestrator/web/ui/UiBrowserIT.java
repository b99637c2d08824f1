package dev.ciorchestrator.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.e2e.ServiceFolders;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.testing.ServiceProcess;
import dev.ciorchestrator.testing.TestUsers;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.UnhandledAlertException;

/**
 * The UI in a real browser (headless Chromium) against the packaged service, as a person uses it:
 * the home page, a change, a running job's log growing live, a rerun as a logged-in user, and an
 * anonymous visitor who can do none of it. Markup in a change's title and branch stays text, and no
 * script of theirs runs. Screenshots of every page go to {@code target/ui-screenshots}, or to the
 * folder {@code -Dui.screenshots} names ({@code docs/ui} for the docs).
 */
class UiBrowserIT {
  @TempDir Path dir;

  private final Path shots = Path.of(System.getProperty("ui.screenshots", "target/ui-screenshots"));

  private ServiceProcess start() throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Path hold = dir.resolve("hold");
    Files.writeString(hold, "");
    Files.writeString(
        config.resolve("ci.yaml"), UiWorld.CONFIG.replace("HOLD_PATH", hold.toString()));
    try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
      work.commit("main", "main", TestGitRepo.files("app.txt", "ok\n"));
      for (String branch : new String[] {"live", "greeting", UiWorld.EVIL_BRANCH}) {
        work.commit(branch, "main", TestGitRepo.files(branch.length() + ".txt", "x\n"));
        work.checkout("main");
      }
      work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), UiWorld.REPO));
    }
    return ServiceProcess.of(dir, ServiceFolders.settings(dir, config)).start();
  }

  private static int open(ServiceProcess service, String title, String source) throws Exception {
    var body =
        "{\"title\":\""
            + title.replace("\"", "\\\"")
            + "\",\"source\":\""
            + source.replace("\"", "\\\"")
            + "\",\"target\":\"main\"}";
    var r =
        service.send(
            service
                .request("/api/v1/repos/acme/web/changes", "alice")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Integer.parseInt(r.body().replaceAll("(?s).*\"number\"\\s*:\\s*(\\d+).*", "$1"));
  }

  @Test
  void homeChangeLiveLogRerunAsAUserAndNothingForAnonymous() throws Exception {
    try (ServiceProcess service = start();
        Browser browser = Browser.open(service.url(), dir.resolve("chromium-profile"))) {
      open(service, "Friendlier greeting", "greeting");
      int n = open(service, "slow: a job you can watch", "live");

      // home: the change, its job running, why it does not merge
      browser.go("/");
      browser.until(
          "the home page shows the running job",
          () -> {
            browser.go("/");
            return browser.source().contains("slow: running");
          });
      assertThat(browser.find("a.title[href='/repos/acme/web/changes/" + n + "']").getText())
          .isEqualTo("#" + n + " slow: a job you can watch");
      assertThat(browser.source()).contains("require-approval: needs 1 approval");
      browser.screenshot(shots.resolve("home.png"));

      // follow the change, then its running job
      browser.follow("a.title[href='/repos/acme/web/changes/" + n + "']");
      assertThat(browser.path()).isEqualTo("/repos/acme/web/changes/" + n);
      assertThat(browser.all("form[action$='/rerun']")).as("anonymous: no rerun").isEmpty();
      browser.screenshot(shots.resolve("change.png"));
      browser.follow("table.jobs-table a[href^='/runs/slow-']");
      assertThat(browser.path()).startsWith("/runs/slow-");
      String run = browser.path().substring("/runs/".length());

      // the log grows while we watch, without a reload
      long shown = browser.all("#log .l").size();
      browser.until("the live log grows", () -> browser.all("#log .l").size() >= shown + 5);
      assertThat(browser.find("#run-state").getText()).contains("running");
      browser.screenshot(shots.resolve("run.png"));

      // anonymous: no action offered, and a forged one is refused
      assertThat(browser.all("#abort")).isEmpty();
      Object status =
          browser.asyncScript(
              "var done = arguments[arguments.length - 1];"
                  + "fetch('/runs/' + arguments[0] + '/abort', {method: 'POST',"
                  + " body: new URLSearchParams({csrf: 'x'})}).then(r => done(r.status));",
              run);
      assertThat(((Number) status).intValue()).isIn(401, 403);

      // the job ends when its hold file goes: the page shows it without a reload
      Files.delete(dir.resolve("hold"));
      browser.until(
          "the page sees the run end",
          () -> browser.find("#run-state").getText().contains("success"));
      assertThat(browser.all("#log .l .t").stream().map(e -> e.getText()).toList())
          .contains("done");

      // log in as bob and rerun the job
      browser.go("/repos/acme/web/changes/" + n);
      browser.follow("#read-only a");
      assertThat(browser.path()).startsWith("/login?next=");
      browser.find("#token").sendKeys(TestUsers.token("bob"));
      browser.screenshot(shots.resolve("login.png"));
      browser.follow("#login-button");
      assertThat(browser.path()).startsWith("/repos/acme/web/changes/" + n + "?notice=logged-in");
      assertThat(browser.find("#who").getText()).isEqualTo("bob");
      browser.follow("button[aria-label='Rerun slow']");
      assertThat(browser.find("[role=status]").getText()).contains("Rerun asked for");
      browser.until(
          "attempt 2 of slow ran",
          () -> {
            browser.go("/repos/acme/web/changes/" + n);
            return browser.source().contains("started slow attempt 2");
          });
      assertThat(browser.find("ol.comments").getText()).contains("bob", "/test slow");
      browser.screenshot(shots.resolve("change-after-rerun.png"));

      browser.go("/jobs/slow");
      assertThat(browser.find("#stats-h")).isNotNull();
      browser.screenshot(shots.resolve("job-history.png"));
      browser.go("/config");
      assertThat(browser.find("#sync-state").getText()).contains("Synced");
      browser.screenshot(shots.resolve("config.png"));

      // a bad revision: the page says Error, keeps the last good config, and shows where
      Files.writeString(
          dir.resolve("config/broken.yaml"),
          "apiVersion: ci-orchestrator/v1\nkind: Job\nname: broken\nrepos: [acme/web]\n"
              + "run: make\ntimeout: soon\nsurprise: true\n");
      browser.follow("#sync-now");
      assertThat(browser.find("#sync-state").getText()).contains("Error");
      assertThat(browser.find("#config-errors").getText())
          .contains("broken.yaml:6:", "broken.yaml:7:");
      assertThat(browser.find("#running-sha").getText())
          .isNotEqualTo(browser.find("#resolved-sha").getText());
      browser.screenshot(shots.resolve("config-error.png"));
      Files.delete(dir.resolve("config/broken.yaml"));
      browser.follow("#sync-now");
      assertThat(browser.find("#sync-state").getText()).contains("Synced");

      // logged out, the same page offers nothing again
      browser.follow("header form[action='/logout'] button");
      browser.go("/repos/acme/web/changes/" + n);
      assertThat(browser.all("form[action$='/rerun']")).isEmpty();

      // markup in a title and a branch is text, and no script of theirs runs
      int evil = open(service, UiWorld.EVIL, UiWorld.EVIL_BRANCH);
      browser.go("/repos/acme/web/changes/" + evil);
      assertThat(browser.find("#change-title").getText())
          .isEqualTo("#" + evil + " " + UiWorld.EVIL);
      assertThat(browser.find("#source-branch").getText()).isEqualTo(UiWorld.EVIL_BRANCH);
      assertThat(browser.all("img")).isEmpty();
      assertThat(browser.script("return document.scripts.length")).isEqualTo(1L);
      assertNoAlert(browser);

      // on a phone
      browser.size(390, 844);
      browser.go("/");
      browser.screenshot(shots.resolve("home-phone.png"));
      assertThat(
              (Boolean)
                  browser.script(
                      "return document.documentElement.scrollWidth <= window.innerWidth + 1"))
          .as("no sideways scrolling of the page itself")
          .isTrue();
    }
  }

  /** An alert a payload opened would make any script call throw. */
  private static void assertNoAlert(Browser browser) {
    try {
      browser.script("return 1");
    } catch (UnhandledAlertException e) {
      throw new AssertionError("a script from the page's data ran: " + e.getMessage());
    }
  }
}
