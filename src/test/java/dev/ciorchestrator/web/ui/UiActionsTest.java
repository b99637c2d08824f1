package dev.ciorchestrator.web.ui;

import static dev.ciorchestrator.testing.TestUsers.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.e2e.ServiceApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The UI's actions: logging in with a token, a rerun as the logged-in user (a {@code /test} comment
 * the planner serves), an abort through the loop's cancel, a config sync; and everything an
 * anonymous visitor or another site tries is refused.
 */
@QuarkusTest
@TestProfile(UiWorld.class)
class UiActionsTest {
  @AfterEach
  void release() throws Exception {
    Files.deleteIfExists(UiWorld.hold());
  }

  private static JsonPath runs(int change) {
    return given().get("/api/v1/runs?repo=" + UiWorld.REPO + "&change=" + change).jsonPath();
  }

  @Test
  void loggingInExchangesTheTokenForASignedHttpOnlyStrictCookie() {
    Response form = given().get("/login");
    Map<String, String> cookies = new HashMap<>(form.cookies());
    assertThat(form.getDetailedCookie("ci_csrf").isHttpOnly()).isTrue();
    assertThat(form.getDetailedCookie("ci_csrf").getSameSite()).isEqualTo("Strict");

    Response wrong =
        UiClient.post(
            "/login", UiClient.parse(form), cookies, Map.of("token", "not-a-token", "next", "/"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(UiClient.parse(wrong).select("#login-error").text())
        .contains("not the token of any user");

    Response ok =
        UiClient.post(
            "/login",
            UiClient.parse(form),
            cookies,
            Map.of("token", token("bob"), "next", "/jobs/unit"));
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.header("Location")).endsWith("/jobs/unit?notice=logged-in");
    var session = ok.getDetailedCookie("ci_session");
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Strict");
    assertThat(session.getPath()).isEqualTo("/");
    assertThat(session.getValue()).doesNotContain(token("bob"));
    assertThat(ok.header("Location")).doesNotContain(token("bob"));

    cookies.put("ci_session", session.getValue());
    Document page = UiClient.page("/jobs/unit?notice=logged-in", cookies);
    assertThat(page.select("#who").text()).isEqualTo("bob");
    assertThat(page.select("[role=status]").text()).isEqualTo("You are logged in.");

    // a tampered session is no session
    cookies.put("ci_session", session.getValue().replace("Ym9i", "YWxpY2U"));
    assertThat(UiClient.page("/", cookies).select("#who")).isEmpty();
  }

  @Test
  void afterLoginOnlyPagesOfTheUiAreFollowed() {
    Response form = given().get("/login");
    for (String next : new String[] {"//evil.example/", "https://evil.example/", "/api/v1/runs"}) {
      Response r =
          UiClient.post(
              "/login",
              UiClient.parse(form),
              form.cookies(),
              Map.of("token", token("bob"), "next", next));
      assertThat(r.header("Location")).as(next).endsWith("/?notice=logged-in");
    }
  }

  @Test
  void aRerunIsATestCommentByTheLoggedInUserThatThePlannerServes() throws Exception {
    int n = UiClient.open("Actions", "actions");
    ServiceApi.until(
        "unit attempt 1 ends",
        () -> runs(n),
        j -> j.getList("state").contains("success"),
        JsonPath::prettify);
    Map<String, String> bob = UiClient.login("bob");
    Document page = UiClient.page("/repos/acme/web/changes/" + n, bob);
    assertThat(page.select("form[action$=/rerun] input[name=job]").eachAttr("value"))
        .contains("unit");

    Response done =
        UiClient.post("/repos/acme/web/changes/" + n + "/rerun", page, bob, Map.of("job", "unit"));

    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.header("Location")).endsWith("/repos/acme/web/changes/" + n + "?notice=rerun");
    JsonPath change = given().get(UiClient.CHANGES + "/" + n).jsonPath();
    assertThat(change.getList("comments.author")).contains("bob");
    assertThat(change.getList("comments.body")).contains("/test unit");
    JsonPath after =
        ServiceApi.until(
            "attempt 2 starts",
            () -> runs(n),
            j -> j.getList("attempt").contains(2),
            JsonPath::prettify);
    assertThat(after.getString("find { it.attempt == 2 }.trigger")).isEqualTo("command");
    assertThat(after.getString("find { it.attempt == 2 }.causedBy")).isEqualTo("bob");

    Response unknown =
        UiClient.post(
            "/repos/acme/web/changes/" + n + "/rerun", page, bob, Map.of("job", "deploy"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(UiClient.parse(unknown).select("[role=alert]").text())
        .contains("form field job", "deploy");
  }

  @Test
  void anAbortEndsARunningRunThroughTheLoopsCancel() throws Exception {
    Files.writeString(UiWorld.hold(), "");
    int n = UiClient.open("slow abort", "abort");
    JsonPath running =
        ServiceApi.until(
            "slow runs",
            () -> runs(n),
            j -> j.getList("state").contains("running"),
            JsonPath::prettify);
    String id = running.getString("find { it.job == 'slow' }.id");
    Map<String, String> bob = UiClient.login("bob");
    Document page = UiClient.page("/runs/" + id, bob);
    assertThat(page.select("#abort")).hasSize(1);

    Response done = UiClient.post("/runs/" + id + "/abort", page, bob, Map.of());

    assertThat(done.statusCode()).isEqualTo(303);
    JsonPath aborted =
        ServiceApi.until(
            "the run is aborted",
            () -> given().get("/api/v1/runs/" + id).jsonPath(),
            j -> "aborted".equals(j.getString("state")),
            JsonPath::prettify);
    assertThat(aborted.getString("message")).isEqualTo("aborted by bob in the web UI");
    Response again = UiClient.post("/runs/" + id + "/abort", page, bob, Map.of());
    assertThat(again.statusCode()).isEqualTo(409);
  }

  @Test
  void aLoggedInUserSyncsTheConfig() {
    Map<String, String> carol = UiClient.login("carol");
    Document page = UiClient.page("/config", carol);
    assertThat(page.select("#sync-state").text()).contains("Synced");
    assertThat(page.select("#running-sha").text()).isEqualTo(page.select("#resolved-sha").text());

    Response done = UiClient.post("/config/sync", page, carol, Map.of());

    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.header("Location")).endsWith("/config?notice=synced");
  }

  @Test
  void anonymousVisitorsSeeNoActionAndCannotAct() throws Exception {
    int n = UiClient.open("Anonymous", "anonymous");
    String run =
        ServiceApi.until(
                "unit ends",
                () -> runs(n),
                j -> j.getList("state").contains("success"),
                JsonPath::prettify)
            .getString("[0].id");
    for (String path : new String[] {"/repos/acme/web/changes/" + n, "/runs/" + run, "/config"}) {
      assertThat(UiClient.page(path, Map.of()).select("form")).as(path).isEmpty();
    }
    // with the login page's own CSRF pair, an anonymous form is well formed, and still refused
    Response login = given().get("/login");
    Document form = UiClient.parse(login);
    Map<String, String> anonymous = login.cookies();
    for (String action :
        new String[] {
          "/repos/acme/web/changes/" + n + "/rerun", "/runs/" + run + "/abort", "/config/sync"
        }) {
      Response r = UiClient.post(action, form, anonymous, Map.of("job", "unit"));
      assertThat(r.statusCode()).as(action).isEqualTo(401);
      assertThat(UiClient.parse(r).select("[role=alert]").text())
          .contains("needs a logged-in user");
    }
    assertThat(given().get(UiClient.CHANGES + "/" + n).jsonPath().getList("comments.body"))
        .doesNotContain("/test unit");
  }

  @Test
  void formsWithoutTheirCsrfTokenOrFromAnotherSiteAreRefused() {
    Map<String, String> bob = UiClient.login("bob");
    Document page = UiClient.page("/config", bob);

    Response noToken =
        given()
            .cookies(bob)
            .redirects()
            .follow(false)
            .contentType(ContentType.URLENC)
            .formParam("csrf", "forged")
            .post("/config/sync");
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(UiClient.parse(noToken).select("[role=alert]").text()).contains("csrf");

    Response crossSite =
        given()
            .cookies(bob)
            .header("Origin", "https://evil.example")
            .redirects()
            .follow(false)
            .contentType(ContentType.URLENC)
            .formParam("csrf", UiClient.csrf(page))
            .post("/config/sync");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    Response fetchSite =
        given()
            .cookies(bob)
            .header("Sec-Fetch-Site", "cross-site")
            .contentType(ContentType.URLENC)
            .formParam("csrf", UiClient.csrf(page))
            .post("/config/sync");
    assertThat(fetchSite.statusCode()).isEqualTo(403);

    // another user's session token is not this one's
    Map<String, String> alice = UiClient.login("alice");
    Response mixed = UiClient.post("/config/sync", page, alice, Map.of());
    assertThat(mixed.statusCode()).isEqualTo(403);
  }

  @Test
  void logoutEndsTheSessionInThisBrowser() {
    Map<String, String> bob = UiClient.login("bob");
    Document page = UiClient.page("/", bob);

    Response out = UiClient.post("/logout", page, bob, Map.of());

    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.getDetailedCookie("ci_session").getMaxAge()).isZero();
    assertThat(out.getDetailedCookie("ci_session").getValue()).isEmpty();
  }
}
