package dev.ciorchestrator.web.ui;

import static dev.ciorchestrator.testing.TestUsers.as;
import static io.restassured.RestAssured.given;

import dev.ciorchestrator.e2e.ServiceApi;
import dev.ciorchestrator.testing.TestUsers;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * What the UI tests do as a browser would, over plain HTTP ({@code @QuarkusTest}s): pages parsed,
 * forms posted.
 */
public final class UiClient {
  static final String CHANGES = "/api/v1/repos/" + UiWorld.REPO + "/changes";

  private UiClient() {}

  /** alice opens a change through the API; its number. */
  static int open(String title, String source) {
    return as("alice")
        .contentType(ContentType.JSON)
        .body(Map.of("title", title, "source", source, "target", "main"))
        .post(CHANGES)
        .then()
        .statusCode(201)
        .extract()
        .path("number");
  }

  static void comment(int number, String user, String body) {
    as(user)
        .contentType(ContentType.JSON)
        .body(Map.of("body", body))
        .post(CHANGES + "/" + number + "/comments")
        .then()
        .statusCode(201);
  }

  static Document parse(Response response) {
    return Jsoup.parse(response.asString(), "http://localhost/");
  }

  static Document page(String path, Map<String, String> cookies) {
    return parse(given().cookies(cookies).redirects().follow(false).get(path));
  }

  /** Reads {@code path} until the page satisfies {@code done}; a minute guards a hang. */
  static Document until(
      String what, String path, Map<String, String> cookies, Predicate<Document> done)
      throws InterruptedException {
    return ServiceApi.until(what, () -> page(path, cookies), done, Document::outerHtml);
  }

  static String csrf(Document page) {
    return page.selectFirst("input[name=csrf]").val();
  }

  /** Logs {@code user} in through the login form; the browser's cookies afterwards. */
  public static Map<String, String> login(String user) {
    Response form = given().get("/login");
    Map<String, String> cookies = new HashMap<>(form.cookies());
    Response done =
        given()
            .cookies(cookies)
            .redirects()
            .follow(false)
            .contentType(ContentType.URLENC)
            .formParam("csrf", csrf(parse(form)))
            .formParam("token", TestUsers.token(user))
            .formParam("next", "/")
            .post("/login");
    if (done.statusCode() != 303) {
      throw new AssertionError("login of " + user + " failed: " + done.asString());
    }
    cookies.putAll(done.cookies());
    return cookies;
  }

  /** Posts a form of {@code page} to {@code action} with the page's CSRF token. */
  static Response post(
      String action, Document page, Map<String, String> cookies, Map<String, String> fields) {
    var request =
        given()
            .cookies(cookies)
            .redirects()
            .follow(false)
            .contentType(ContentType.URLENC)
            .formParam("csrf", csrf(page));
    fields.forEach(request::formParam);
    return request.post(action);
  }
}
