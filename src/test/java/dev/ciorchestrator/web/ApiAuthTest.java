package dev.ciorchestrator.web;

import static dev.ciorchestrator.testing.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.ciorchestrator.forge.local.LocalForgeSettings;
import dev.ciorchestrator.forge.local.LocalRepos;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Writes need the acting user's token, over real HTTP: without one, with a wrong one, or claiming
 * to be someone else, nothing is written and the answer is JSON naming the problem.
 */
@QuarkusTest
@TestProfile(LocalForgeReposProfile.class)
class ApiAuthTest {
  static final AtomicInteger REPOS = new AtomicInteger();
  static final String NEEDS_TOKEN = "this request needs a user's token";

  @TestHTTPResource("/")
  URL url;

  @Inject LocalForgeSettings settings;
  @TempDir Path dir;
  LocalForgeReposProfile.Work work;
  String changes;

  @BeforeEach
  void aChangeByAlice() throws Exception {
    String repo = "demo/auth" + REPOS.incrementAndGet();
    changes = "/api/v1/repos/" + repo + "/changes";
    work =
        new LocalForgeReposProfile.Work(
            dir.resolve("work"), LocalRepos.bareRepoPath(settings.reposDir(), repo));
    as("alice")
        .contentType(ContentType.JSON)
        .body("{\"title\":\"t\",\"source\":\"feat\",\"target\":\"main\"}")
        .post(changes)
        .then()
        .statusCode(201);
  }

  @AfterEach
  void closeWork() {
    work.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "POST|CHANGES|{'title':'x','source':'feat2','target':'main'}",
        "POST|CHANGES/1/comments|{'author':'carol','body':'/approve'}",
        "POST|CHANGES/1/reviews|{'state':'approved'}",
        "POST|CHANGES/1/push|{}",
        "POST|CHANGES/1/close|",
        "PUT|CHANGES/1/labels/hold|",
        "DELETE|CHANGES/1/labels/hold|",
        "POST|/api/v1/config/sync|",
      })
  void aWriteWithoutATokenIs401AndWritesNothing(String method, String path, String body) {
    send(given(), method, path, body)
        .statusCode(401)
        .contentType(ContentType.JSON)
        .header("WWW-Authenticate", "Bearer realm=\"ci-orchestrator\"")
        .body("field", is("Authorization"))
        .body("error", startsWith(NEEDS_TOKEN))
        .body("error", org.hamcrest.Matchers.containsString("CI_ORCHESTRATOR_TOKEN or --token"));
    unchanged();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Bearer not-a-token|the token in the Authorization header is not the token of any user of this forge",
        "Bearer test-token-alicex|the token in the Authorization header is not the token of any user of this forge",
        "Basic YWxpY2U6eA==|the Authorization header must be 'Bearer <token>'",
        "Bearer|the Authorization header must be 'Bearer <token>'",
        "test-token-alice|the Authorization header must be 'Bearer <token>'",
      })
  void aWrongOrMalformedTokenIs401EvenForAnOpenRead(String header, String error) {
    for (String method : new String[] {"POST", "GET"}) {
      send(given().header("Authorization", header), method, "CHANGES/1/comments", "{'body':'hi'}")
          .statusCode(401)
          .body("field", is("Authorization"))
          .body("error", is(error));
    }
    unchanged();
  }

  @Test
  void actingAsSomeoneElseIs403AndWritesNothing() {
    send(as("mallory"), "POST", "CHANGES/1/comments", "{'author':'carol','body':'/approve'}")
        .statusCode(403)
        .body("field", is("author"))
        .body(
            "error",
            is(
                "author carol is not the owner of this request's token (mallory): a user acts"
                    + " only as themselves; leave author out or send carol's own token"));
    send(as("alice"), "POST", "CHANGES/1/reviews", "{'author':'bob','state':'approved'}")
        .statusCode(403)
        .body("field", is("author"));
    send(
            as("bob"),
            "POST",
            "CHANGES",
            "{'author':'alice','title':'x','source':'f2','target':'main'}")
        .statusCode(403)
        .body("field", is("author"));
    unchanged();
  }

  @Test
  void theTokenDecidesTheAuthorAndAnAuthorSentMayDifferInCase() {
    send(as("bob"), "POST", "CHANGES/1/comments", "{'author':'Bob','body':'/lgtm'}")
        .statusCode(201)
        .body("comments[0].author", is("bob"));
    send(as("carol"), "POST", "CHANGES/1/reviews", "{'state':'approved'}")
        .statusCode(201)
        .body("reviews[0].author", is("carol"));
    send(
            given().header("Authorization", "bearer  test-token-dave"),
            "PUT",
            "CHANGES/1/labels/x",
            null)
        .statusCode(200);
    given().get(changes + "/1").then().body("author", is("alice"));
  }

  @Test
  void readsAreOpenByDefault() {
    given().get(changes).then().statusCode(200).body("number", hasSize(1));
    given().get("/api/v1/config").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);
  }

  @Test
  void aWebhookNeedsNoTokenItsForgeSignatureDecides() {
    given()
        .contentType(ContentType.JSON)
        .header("X-GitHub-Event", "ping")
        .body("{}")
        .post("/hooks/github")
        .then()
        .body("field", not(is("Authorization")));
  }

  @Test
  void noSpellingOfAPathGetsPastTheCheck() throws IOException {
    for (String path :
        new String[] {
          "/hooks/../api/v1/config/sync",
          "/hooks/github/../../api/v1/config/sync",
          "/hooks/%2e%2e/api/v1/config/sync",
          "/q/../api/v1/config/sync",
        }) {
      assertThat(raw("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
          .as(path)
          .startsWith("HTTP/1.1 401");
    }
  }

  @Test
  void aWriteIsRefusedBeforeItsBodyIsRead() throws IOException {
    // The body is announced and never sent: the answer can only come before reading it.
    String answer =
        raw(
            "POST "
                + changes
                + "/1/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 401").contains(NEEDS_TOKEN);
  }

  private void unchanged() {
    given()
        .get(changes + "?state=all")
        .then()
        .body("number", hasSize(1))
        .body("[0].state", is("open"))
        .body("[0].comments", empty())
        .body("[0].reviews", empty())
        .body("[0].labels", empty());
  }

  private ValidatableResponse send(
      RequestSpecification request, String method, String path, String body) {
    if (body != null) {
      request.contentType(ContentType.JSON).body(body.replace('\'', '"'));
    }
    return request.request(method, path.replace("CHANGES", changes)).then();
  }

  /** Sends {@code request} as is on a socket; the status line and headers it gets back. */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(30_000); // a guard against a hang, not a timing assertion
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[4096];
      int n;
      while (!answer.toString().contains("}") && (n = in.read(buffer)) > 0) {
        answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
      return answer.toString();
    }
  }
}
