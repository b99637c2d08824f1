package dev.ciorchestrator.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.e2e.ServiceApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The pages as served, parsed as a browser parses them: what they show, and that text a user or a
 * job controls (title, branch, comment, log) is text wherever it appears, never markup.
 */
@QuarkusTest
@TestProfile(UiWorld.class)
class UiPagesTest {
  /** The newest run of {@code job} on the change, once attempt {@code attempt} ended. */
  static String runOf(int change, String job, int attempt) throws InterruptedException {
    JsonPath runs =
        ServiceApi.until(
            job + " attempt " + attempt + " of #" + change + " ends",
            () ->
                given()
                    .get("/api/v1/runs?repo=" + UiWorld.REPO + "&change=" + change + "&job=" + job)
                    .jsonPath(),
            j ->
                j.getList("attempt").contains(attempt)
                    && List.of("success", "failure").contains(j.getString("[0].state")),
            JsonPath::prettify);
    return runs.getString("[0].id");
  }

  static String runOf(int change, String job) throws InterruptedException {
    return runOf(change, job, 1);
  }

  @Test
  void homeShowsEachRepositoryAndEachOpenChangeWithJobsAtHeadAndWhyItDoesNotMerge()
      throws Exception {
    int n = UiClient.open("Add a feature", "feature");
    String run = runOf(n, "unit");

    Document home =
        UiClient.until(
            "the home page shows #" + n + " with its finished job",
            "/",
            Map.of(),
            d -> d.select("a[href=/runs/" + run + "]").text().contains("success"));

    assertThat(home.select("table.repos th[scope=row]").eachText()).contains(UiWorld.REPO);
    Element row = home.selectFirst("a.title[href=/repos/acme/web/changes/" + n + "]").closest("tr");
    assertThat(row.text())
        .contains("#" + n + " Add a feature", "by alice", "feature", "main")
        .contains("unit: success")
        .contains("blocked", "require-approval: needs 1 approval from someone other than alice");
    assertThat(row.select(".badge").eachText()).allMatch(t -> !t.isBlank());
    assertThat(row.select(".meta code[title]").eachAttr("title")).allMatch(t -> t.length() > 7);

    Document repoPage = UiClient.page("/repos/acme/web", Map.of());
    assertThat(repoPage.select("a.title").eachAttr("href"))
        .contains("/repos/acme/web/changes/" + n);
    assertThat(given().get("/repos/acme/nothing").statusCode()).isEqualTo(404);
    Response badPage = given().get("/?page=zero");
    assertThat(badPage.statusCode()).isEqualTo(400);
    assertThat(UiClient.parse(badPage).select("[role=alert]").text())
        .contains("page must be a whole number: zero");
  }

  @Test
  void theChangePageShowsDecisionsJobsCommandsSummaryConversationAndHeads() throws Exception {
    int n = UiClient.open("Change page", "change-page");
    String run = runOf(n, "unit");
    UiClient.comment(n, "bob", "/test unit");

    Document page =
        UiClient.until(
            "bob's /test is served",
            "/repos/acme/web/changes/" + n,
            Map.of(),
            d -> d.select("ul.commands").text().contains("started unit attempt 2"));

    assertThat(page.select("h1").text()).isEqualTo("#" + n + " Change page");
    assertThat(page.select("ul.decisions li").eachText())
        .anyMatch(t -> t.contains("fail") && t.contains("require-approval"))
        .anyMatch(t -> t.contains("pass") && t.contains("trust"));
    assertThat(page.select("table.jobs-table th[scope=row]").eachText())
        .anyMatch(t -> t.startsWith("unit"));
    assertThat(page.select("ul.commands").text()).contains("/test unit by bob");

    // every other command with the fold's answer, in words
    UiClient.comment(n, "bob", "/hold\n/tset unit\n/cc @carol");
    Document answered =
        UiClient.until(
            "bob's /hold is answered",
            "/repos/acme/web/changes/" + n,
            Map.of(),
            d -> d.select("ul.commands").text().contains("/hold"));
    assertThat(answered.select("ul.commands li").eachText())
        .anyMatch(t -> t.startsWith("/hold by bob → done: held"))
        .anyMatch(t -> t.startsWith("/tset") && t.contains("refused"))
        .noneMatch(t -> t.startsWith("/cc"));
    assertThat(page.select("pre.summary").text()).contains("Gate: blocked", "/runs/");
    assertThat(page.select("ol.comments li").eachText()).anyMatch(t -> t.contains("/test unit"));
    assertThat(page.select("table.runs a").eachAttr("href")).contains("/runs/" + run);
    assertThat(page.select("#read-only").text()).contains("log in");
    assertThat(page.select("form")).allMatch(f -> f.attr("action").equals("/logout")).isEmpty();
    assertThat(given().get("/repos/acme/web/changes/9999").statusCode()).isEqualTo(404);
  }

  @Test
  void theRunPageShowsItsMetadataAndItsLogInColourWithLineAnchors() throws Exception {
    int n = UiClient.open("Run page", "run-page");
    runOf(n, "unit");
    UiClient.comment(n, "bob", "/test unit");
    String run = runOf(n, "unit", 2);

    Document page = UiClient.page("/runs/" + run, Map.of());

    assertThat(page.select("dl.facts").text())
        .contains(run, UiWorld.REPO, "#" + n, "command by bob", "process");
    assertThat(page.select("#run-state").text()).contains("success");
    Element first = page.selectFirst("#log #L1");
    assertThat(first.selectFirst("a.n").attr("href")).isEqualTo("#L1");
    assertThat(first.select("span.a-f1.a-b").text()).isEqualTo("red bold");
    assertThat(first.selectFirst(".t").text()).isEqualTo("red bold plain");
    assertThat(page.select("a[download]").attr("href")).isEqualTo("/runs/" + run + "/log");
    assertThat(page.select("a[href=/api/v1/runs/" + run + "/log]")).hasSize(1);
    assertThat(given().get("/runs/" + run + "/log").asString()).contains("red bold");
    assertThat(given().get("/runs/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void titlesBranchesCommentsAndLogLinesWithMarkupRenderAsText() throws Exception {
    int n = UiClient.open(UiWorld.EVIL, UiWorld.EVIL_BRANCH);
    UiClient.comment(n, "bob", UiWorld.EVIL + " \u001b[31m<b>red</b>\u001b[0m");
    String run = runOf(n, "unit");
    UiClient.until(
        "the home page shows the change",
        "/",
        Map.of(),
        d -> d.select("a.title[href=/repos/acme/web/changes/" + n + "]").size() == 1);

    for (String path : List.of("/", "/repos/acme/web/changes/" + n, "/runs/" + run, "/jobs/unit")) {
      assertNoInjectedMarkup(path, UiClient.page(path, Map.of()));
    }
    Document change = UiClient.page("/repos/acme/web/changes/" + n, Map.of());
    assertThat(change.selectFirst("#change-title").text()).isEqualTo("#" + n + " " + UiWorld.EVIL);
    assertThat(change.selectFirst("#source-branch").text()).isEqualTo(UiWorld.EVIL_BRANCH);
    assertThat(change.select("ol.comments .body").eachText())
        .anyMatch(t -> t.startsWith(UiWorld.EVIL) && t.contains("[31m<b>red</b>"));

    Document log = UiClient.page("/runs/" + run, Map.of());
    List<String> lines = log.select("#log .l .t").eachText();
    assertThat(lines)
        .contains("<script>alert(1)</script> \"><img src=x onerror=alert(2)>", "link done");
    // a terminal ends that CSI at the "i" of "<img": the sequence goes, the rest is text
    assertThat(lines).contains("mg src=x onerror=alert(3)>m after");
    for (Element span : log.select("#log .t span")) {
      assertThat(span.className()).matches("(a-[a-z]+[0-9]* ?)+");
    }
  }

  @Test
  void aJobWithoutRunsSaysNoRunsYetAndOneWithRunsItsRecord() throws Exception {
    Document none = UiClient.page("/jobs/deploy", Map.of());
    assertThat(none.select("#no-runs").text()).isEqualTo("No runs yet.");
    assertThat(none.select("dl.facts").text()).contains("not in the running config");
    Document slow = UiClient.page("/jobs/slow", Map.of());
    assertThat(slow.select("dl.facts").text()).contains("acme/web", "ci.yaml:");

    runOf(UiClient.open("Job history", "job-history"), "unit");
    Document unit = UiClient.page("/jobs/unit", Map.of());
    assertThat(unit.select("dl.stats").text()).contains("Success rate", "%", "Duration p50");
    assertThat(unit.select("table.runs tbody tr")).isNotEmpty();
    assertThat(given().get("/jobs/unit?page=0").statusCode()).isEqualTo(400);
  }

  @Test
  void everyResponseCarriesTheContentSecurityPolicyAndItsCompanions() {
    for (String path :
        List.of(
            "/",
            "/config",
            "/login",
            "/jobs/unit",
            "/runs/nothing",
            "/static/ui.js",
            "/static/ui.css",
            "/api/v1/runs")) {
      Response r = given().get(path);
      assertThat(r.header("Content-Security-Policy"))
          .as(path)
          .isEqualTo(
              "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                  + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri"
                  + " 'none'");
      assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(r.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
      assertThat(r.header("X-Frame-Options")).as(path).isEqualTo("DENY");
    }
    assertThat(given().get("/").header("Cache-Control")).contains("no-store");
    // the intake's JSON 404 is for paths nobody serves, not for the UI's own files
    assertThat(given().get("/static/ui.css").then().extract().statusCode()).isEqualTo(200);
    assertThat(given().get("/static/ui.css").contentType()).startsWith("text/css");
    assertThat(given().get("/static/ui.js").contentType()).contains("javascript");
    assertThat(given().get("/static/nothing.js").statusCode()).isEqualTo(404);
  }

  /** One script, ours; no element a payload could have made; no event-handler attribute. */
  static void assertNoInjectedMarkup(String path, Document page) {
    assertThat(page.select("script").eachAttr("src")).as(path).containsExactly("/static/ui.js");
    assertThat(page.select("script").eachText()).as(path).allMatch(String::isEmpty);
    assertThat(page.select("img, svg, iframe, object, embed, b")).as(path).isEmpty();
    for (Element e : page.getAllElements()) {
      for (Attribute a : e.attributes()) {
        assertThat(a.getKey()).as(path + " " + e.tagName()).doesNotStartWith("on");
        assertThat(a.getValue()).as(path).doesNotStartWithIgnoringCase("javascript:");
      }
    }
    assertThat(page.select("[style]")).as(path).isEmpty();
  }
}
