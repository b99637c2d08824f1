package dev.ciorchestrator.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.ciorchestrator.config.sync.TestRepo;
import dev.ciorchestrator.e2e.ServiceApi;
import dev.ciorchestrator.forge.ForgeEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubWebhooks;
import dev.ciorchestrator.forge.github.webhook.Payloads;
import dev.ciorchestrator.forge.webhook.WebhookSignature;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /hooks/github} over HTTP, with the real config sync behind it. */
@QuarkusTest
@TestProfile(GitHubHooksProfile.class)
class GitHubHookResourceTest {
  static final String HOOK = "/hooks/github";
  static final ForgeEvent HELLO = new ForgeEvent("gh", "octo-org/hello-world");
  static final PatternFormatter MESSAGE = new PatternFormatter("%s");

  @Inject RecordedForgeEvents events;

  @TestHTTPResource(HOOK)
  URI hookUri;

  @BeforeEach
  void forget() {
    events.clear();
  }

  static ValidatableResponse deliver(String event, String id, String signature, byte[] body) {
    var request = given().contentType(ContentType.JSON).header("X-GitHub-Event", event);
    if (id != null) {
      request.header("X-GitHub-Delivery", id);
    }
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    return request.body(body).post(HOOK).then();
  }

  static ValidatableResponse deliver(String event, byte[] body) {
    return deliver(event, UUID.randomUUID().toString(), sign(body), body);
  }

  static String sign(byte[] body) {
    return WebhookSignature.sign(GitHubHooksProfile.SECRET, body);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aMissingSignatureIs401NamingTheHeader() {
    deliver("pull_request", "d-1", null, Payloads.bytes("pull_request.opened"))
        .statusCode(401)
        .contentType(ContentType.JSON)
        .body("field", is("X-Hub-Signature-256"))
        .body("error", startsWith("missing X-Hub-Signature-256 header"));
    assertThat(events.seen()).isEmpty();
  }

  @Test
  void aWrongSignatureIs401() {
    byte[] body = Payloads.bytes("pull_request.opened");
    deliver("pull_request", "d-2", WebhookSignature.sign("guessed secret", body), body)
        .statusCode(401)
        .body("field", is("X-Hub-Signature-256"))
        .body("error", containsString("does not match the body"));
    deliver("pull_request", "d-3", "sha256=not-hex", body)
        .statusCode(401)
        .body("error", containsString("64 hexadecimal digits"));
    byte[] tampered = Arrays.copyOf(body, body.length + 1);
    tampered[body.length] = '\n';
    deliver("pull_request", "d-4", sign(body), tampered).statusCode(401);
    assertThat(events.seen()).isEmpty();
  }

  @Test
  void anAcceptedPullRequestFiresOneEventForItsRepository() {
    deliver("pull_request", Payloads.bytes("pull_request.opened"))
        .statusCode(202)
        .contentType(ContentType.JSON)
        .body("result", is("accepted"))
        .body("message", is("reconciling octo-org/hello-world"));
    assertThat(events.seen()).containsExactly(HELLO);
  }

  @Test
  void aCommandCommentFiresOneEventAndAPlainOneNone() {
    deliver("issue_comment", Payloads.bytes("issue_comment.created"))
        .statusCode(202)
        .body("result", is("accepted"));
    assertThat(events.seen()).containsExactly(HELLO);

    events.clear();
    String chat =
        Payloads.text("issue_comment.created")
            .replace("Looks good to me.\\r\\n/approve\\r\\n/lgtm", "Looks good to me.");
    deliver("issue_comment", utf8(chat))
        .statusCode(202)
        .body("result", is("ignored"))
        .body("message", is("comment holds no command"));
    assertThat(events.seen()).isEmpty();
  }

  @Test
  void aReviewFiresOneEvent() {
    deliver("pull_request_review", Payloads.bytes("pull_request_review.submitted"))
        .statusCode(202)
        .body("result", is("accepted"));
    assertThat(events.seen()).containsExactly(HELLO);
  }

  @Test
  void anUnconfiguredRepositoryFiresNothing() {
    String other =
        Payloads.text("pull_request.opened").replace("octo-org/hello-world", "octo-org/not-here");
    deliver("pull_request", utf8(other))
        .statusCode(202)
        .body("result", is("ignored"))
        .body("message", is("repository octo-org/not-here is not in the config"));
    assertThat(events.seen()).isEmpty();
  }

  @Test
  void aRepositoryOfAConnectionWithoutSecretTakesNoDelivery() {
    byte[] body =
        utf8(
            Payloads.text("pull_request.opened")
                .replace("octo-org/hello-world", "octo-org/unsigned"));
    deliver("pull_request", "u-1", null, body).statusCode(401);
    deliver("pull_request", body)
        .statusCode(202)
        .body("result", is("ignored"))
        .body("message", containsString("served by connection 'nosecret'"));
    assertThat(events.seen()).isEmpty();
  }

  @Test
  void aReplayedDeliveryIsIgnored() {
    byte[] body = Payloads.bytes("pull_request.opened");
    String id = UUID.randomUUID().toString();
    deliver("pull_request", id, sign(body), body).statusCode(202).body("result", is("accepted"));
    deliver("pull_request", id, sign(body), body)
        .statusCode(200)
        .body("result", is("duplicate"))
        .body("message", is("delivery already handled; nothing done"));
    assertThat(events.seen()).containsExactly(HELLO);
  }

  @Test
  void aBodyOverTheLimitIs413FromTheHookNotFromQuarkus() {
    byte[] big = new byte[16 * 1024 + 1];
    Arrays.fill(big, (byte) ' ');
    deliver("push", "big-1", sign(big), big)
        .statusCode(413)
        .contentType(ContentType.JSON)
        .body("error", is("body is larger than 16384 bytes (ci.webhooks.github.max-body-size)"));
    byte[] fits = Arrays.copyOf(big, 16 * 1024);
    deliver("push", "fits-1", sign(fits), fits)
        .statusCode(400)
        .body("error", is("body must be a JSON object"));
  }

  @Test
  void aChunkedBodyOverTheLimitIs413Too() throws Exception {
    byte[] big = new byte[40 * 1024];
    Arrays.fill(big, (byte) ' ');
    HttpRequest request =
        HttpRequest.newBuilder(hookUri)
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "push")
            .header("X-GitHub-Delivery", "chunked-1")
            .header("X-Hub-Signature-256", sign(big))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.request().headers().firstValue("Content-Length")).isEmpty();
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("body is larger than 16384 bytes");
  }

  @Test
  void anUnknownEventIs202AndIgnored() {
    deliver("check_run", utf8("{\"action\":\"completed\"}"))
        .statusCode(202)
        .body("result", is("ignored"))
        .body("message", is("event 'check_run' is not handled"));
    assertThat(events.seen()).isEmpty();
  }

  @Test
  void malformedJsonOfAKnownEventIs400NamingTheProblem() {
    deliver("pull_request", utf8("{\"action\": \"opened\", "))
        .statusCode(400)
        .body("field", is(""))
        .body("error", startsWith("body is not JSON: "));
    deliver("pull_request", utf8("{\"action\":\"opened\",\"repository\":{}}"))
        .statusCode(400)
        .body("field", is("repository.full_name"))
        .body("error", is("missing field 'repository.full_name'"));
    deliver("push", "no-event-id", null, utf8("{}")).statusCode(401);
    byte[] body = Payloads.bytes("push");
    deliver("push", null, sign(body), body)
        .statusCode(400)
        .body("field", is("X-GitHub-Delivery"))
        .body("error", is("missing X-GitHub-Delivery header"));
    assertThat(events.seen()).isEmpty();
  }

  @Test
  void aFormEncodedDeliveryIs415NamingTheContentType() {
    String body = "payload=%7B%7D";
    given()
        .contentType("application/x-www-form-urlencoded")
        .header("X-GitHub-Event", "push")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", sign(utf8(body)))
        .body(body)
        .post(HOOK)
        .then()
        .statusCode(415)
        .body("field", is("Content-Type"))
        .body("error", startsWith("Content-Type must be application/json"));
  }

  @Test
  void pingIs200() {
    deliver("ping", Payloads.bytes("ping"))
        .statusCode(200)
        .body("result", is("accepted"))
        .body("message", is("pong: hook 480001 says 'Keep it logically awesome.'"));
    assertThat(events.seen()).isEmpty();
  }

  @Test
  void aPushToTheConfigRepositorySyncsIt() throws Exception {
    String added;
    try (TestRepo repo = TestRepo.open(GitHubHooksProfile.ServedConfigRepo.workTree)) {
      added =
          repo.write(
                  "ci/more.yaml",
                  """
                  apiVersion: ci-orchestrator/v1
                  kind: Repository
                  name: octo-org/added-by-push
                  forge: gh
                  """)
              .commit("one more repository");
    }
    // GitHub names the repository by its https URL; the config names it git://127.0.0.1:<port>/
    String push =
        Payloads.text("push")
            .replace("octo-org/hello-world", GitHubHooksProfile.CONFIG_REPO)
            .replace("https://github.com/", "https://127.0.0.1/");
    deliver("push", utf8(push))
        .statusCode(202)
        .body("result", is("accepted"))
        .body("message", is("config sync requested"));
    ServiceApi.until(
        "the pushed config runs",
        () -> given().get("/api/v1/config").then().extract().path("runningRevision"),
        added::equals,
        String::valueOf);
    given().get("/api/v1/config").then().body("summary", startsWith("3 repositories"));
    assertThat(events.seen()).isEmpty();
  }

  @Test
  void eachDeliveryLogsOneLineWithoutSecretOrSignature() {
    Logger logger = Logger.getLogger(GitHubWebhooks.class.getName());
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            lines.add(MESSAGE.format(r));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(capture);
    byte[] body = Payloads.bytes("pull_request.opened");
    String signature = sign(body);
    try {
      deliver("pull_request", "log-1", signature, body).statusCode(202);
      deliver("pull_request", "log-2", WebhookSignature.sign("wrong", body), body).statusCode(401);
    } finally {
      logger.removeHandler(capture);
    }
    assertThat(lines)
        .containsExactly(
            "github delivery log-1: event=pull_request action=opened repo=octo-org/hello-world"
                + " result=accepted (202): reconciling octo-org/hello-world",
            "github delivery log-2: event=pull_request action=- repo=- result=unauthorized (401):"
                + " X-Hub-Signature-256 does not match the body under the webhook secret of any"
                + " GitHub connection");
    String hex = signature.substring("sha256=".length());
    assertThat(String.join("\n", lines))
        .doesNotContain(hex)
        .doesNotContain(GitHubHooksProfile.SECRET);
  }

  @Test
  void deliveriesAreCountedByEventAndResult() {
    deliver("pull_request", Payloads.bytes("pull_request.opened")).statusCode(202);
    deliver("check_run", utf8("{}")).statusCode(202);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains(
            "ci_orchestrator_webhook_deliveries_total{event=\"pull_request\",forge=\"github\","
                + "result=\"accepted\"}")
        .contains(
            "ci_orchestrator_webhook_deliveries_total{event=\"other\",forge=\"github\","
                + "result=\"ignored\"}")
        .doesNotContain("event=\"check_run\"");
  }
}
