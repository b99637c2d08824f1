package dev.ciorchestrator.forge.github;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.runtime.ReconcileService;
import dev.ciorchestrator.web.ui.UiClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The web UI with GitHub as the forge ({@link FakeGitHub}): the pull request shows on the home page
 * with its job at head and its gate, and its page shows the runs. A rerun is not offered there: the
 * user must comment {@code /test} on GitHub, as themselves.
 */
@QuarkusTest
@TestProfile(GitHubServiceTest.Profile.class)
class GitHubPagesTest {
  @Inject ReconcileService service;

  private Document page(String path, Map<String, String> cookies) {
    return Jsoup.parse(given().cookies(cookies).get(path).asString());
  }

  @Test
  void aPullRequestShowsOnTheHomePageAndItsOwnPage() throws Exception {
    Document home = page("/", Map.of());
    for (int i = 0;
        i < 600 && !home.select("a.badge, a .badge").text().contains("build: success");
        i++) {
      Thread.sleep(100);
      service.loop().request("acme/app"); // the timer is off in tests
      home = page("/", Map.of());
    }
    Element row = home.selectFirst("a.title[href=/repos/acme/app/changes/1]").closest("tr");
    assertThat(row.text())
        .contains("#1 Add the feature", "by alice", "feature", "main", "build: success")
        .contains("mergeable");
    assertThat(home.select("table.repos tr").text()).contains("acme/app", "gh");

    Document change = page("/repos/acme/app/changes/1", Map.of());
    assertThat(change.select("h1").text()).isEqualTo("#1 Add the feature");
    assertThat(change.select("table.jobs-table").text()).contains("build", "success");
    assertThat(change.select("table.runs a").eachAttr("href"))
        .anyMatch(h -> h.startsWith("/runs/"));
    assertThat(change.select("#conversation-h")).isEmpty();

    Map<String, String> bob = UiClient.login("bob");
    Document asBob = page("/repos/acme/app/changes/1", bob);
    assertThat(asBob.select("form[action$=/rerun]")).isEmpty();
    assertThat(asBob.text()).contains("comment /test <job> on it at its forge");
  }
}
