package dev.ciorchestrator.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.ciorchestrator.forge.github.webhook.Payloads;
import dev.ciorchestrator.forge.webhook.WebhookSignature;
import dev.ciorchestrator.testing.RawHttp;
import dev.ciorchestrator.testing.TestUsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The intake over real sockets: what is refused before a byte of the body is read, what a body over
 * a limit or too slow gets, and that every refusal is JSON naming its field or header.
 */
@QuarkusTest
@TestProfile(IntakeProfile.class)
class IntakeHttpTest {
  static final String FAKE_SIGNATURE = "X-Hub-Signature-256: sha256=" + "ab".repeat(32);

  @TestHTTPResource("/")
  URI root;

  RawHttp connect() throws Exception {
    return RawHttp.connect(root.getPort(), 10_000);
  }

  @Test
  void anUnsignedDeliveryIsRefusedBeforeItsBodyIsSent() throws Exception {
    try (RawHttp c = connect()) {
      RawHttp.Answer a =
          c.head(
                  "POST /hooks/github HTTP/1.1",
                  "X-GitHub-Event: push",
                  "Content-Type: application/json",
                  "Content-Length: 60000")
              .answer(); // not a byte of the body was sent
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.headers()).containsEntry("content-type", "application/json");
      assertThat(a.body())
          .isEqualTo(
              IntakeAnswer.json(
                  "missing X-Hub-Signature-256 header: set the webhook's secret",
                  "X-Hub-Signature-256"));
    }
    try (RawHttp c = connect()) {
      RawHttp.Answer a =
          c.head(
                  "POST /hooks/github HTTP/1.1",
                  "X-GitHub-Event: push",
                  "X-Hub-Signature-256: sha1=abc",
                  "Content-Length: 60000")
              .answer();
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.body()).contains("must be sha256= followed by 64 hexadecimal digits");
    }
  }

  @Test
  void aDeclaredBodyOverAnyLimitIsAJson413BeforeItIsRead() throws Exception {
    RawHttp.Answer hook = declared("/hooks/github", 11 * 1024 * 1024, FAKE_SIGNATURE);
    assertThat(hook.status()).isEqualTo(413);
    assertThat(hook.body())
        .isEqualTo(
            IntakeAnswer.json(
                "body is larger than 65536 bytes (ci.webhooks.github.max-body-size)", ""));
    RawHttp.Answer api =
        declared(
            "/api/v1/config/sync", 11 * 1024 * 1024, "Authorization: " + TestUsers.bearer("alice"));
    assertThat(api.status()).isEqualTo(413);
    assertThat(api.body())
        .as("Quarkus' own limit is the lower one here, and is named")
        .isEqualTo(
            IntakeAnswer.json(
                "body is larger than 262144 bytes (quarkus.http.limits.max-body-size)", ""));
    String metrics = given().get("/q/metrics").then().extract().asString();
    assertThat(metrics)
        .contains("ci_orchestrator_intake_refused_total{result=\"too_large\"}")
        .contains(
            "ci_orchestrator_webhook_deliveries_total{event=\"push\",forge=\"github\","
                + "result=\"too_large\"}");
  }

  @Test
  void anUnauthenticatedWriteIsRefusedBeforeItsSizeOrBodyCount() throws Exception {
    RawHttp.Answer a = declared("/api/v1/config/sync", 11 * 1024 * 1024, "X-Any: 1");
    assertThat(a.status()).isEqualTo(401);
    assertThat(a.headers().get("www-authenticate")).startsWith("Bearer");
    assertThat(a.body()).contains("\"field\":\"Authorization\"");
  }

  @Test
  void aChunkedApiBodyOverTheLimitIsCutShortWithAJson413() throws Exception {
    try (RawHttp c = connect()) {
      c.head(
          "POST /api/v1/config/sync HTTP/1.1",
          "Authorization: " + TestUsers.bearer("alice"),
          "Content-Type: application/json",
          "Transfer-Encoding: chunked");
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) ' ');
      for (int i = 0; i < 5; i++) { // 320 KiB > 256 KiB
        c.send(("10000\r\n").getBytes(StandardCharsets.US_ASCII)).send(chunk).send(crlf());
      }
      c.send("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      RawHttp.Answer a = c.answer();
      assertThat(a.status()).isEqualTo(413);
      assertThat(a.body()).contains("(quarkus.http.limits.max-body-size)");
    }
  }

  @Test
  void aBodyThatStallsIsAJson408AndItsConnectionCloses() throws Exception {
    try (RawHttp c = connect()) {
      RawHttp.Answer a =
          c.head(
                  "POST /hooks/github HTTP/1.1",
                  "X-GitHub-Event: push",
                  FAKE_SIGNATURE,
                  "Content-Length: 100")
              .send("{\"ref\":".getBytes(StandardCharsets.UTF_8))
              .answer(); // and nothing more
      assertThat(a.status()).isEqualTo(408);
      assertThat(a.body())
          .isEqualTo(
              IntakeAnswer.json(
                  "body not received within 2 s (ci.intake.body-timeout); send it at once", ""));
      assertThat(c.closedByServer()).isTrue();
    }
    given()
        .get("/q/health/ready")
        .then()
        .body("checks.find { it.name == 'intake' }.data.bodiesReceiving", is(0));
  }

  @Test
  void errorsOfTheApiAreJsonNamingTheField() {
    given()
        .get("/api/v1/repos/demo/x/changes/abc")
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("field", is("number"))
        .body("error", is("number must be a whole number, not 'abc'"));
    TestUsers.as("alice")
        .delete("/api/v1/repos/demo/x/changes/2")
        .then()
        .statusCode(405)
        .contentType(ContentType.JSON)
        .body("error", startsWith("DELETE /api/v1/repos/demo/x/changes/2 is not allowed"));
    given()
        .get("/api/v1/no-such-thing")
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("error", is("no such resource: GET /api/v1/no-such-thing"))
        .body("field", is(""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "duplicate key | 7b2261223a312c2261223a327d | 400 | a | duplicate key 'a' at a",
        "trailing garbage | 7b7d2078 | 400 | '' | body is not JSON: Unrecognized token 'x'",
        "two objects | 7b7d7b7d | 400 | '' | body holds more than one JSON value",
        "byte order mark | efbbbf7b7d | 400 | '' | body starts with a byte order mark",
        "latin-1 | 7b2261223a22e9227d | 400 | '' | body is not UTF-8: byte 0xe9 at offset 6",
        "utf-16 | 007b007d | 400 | '' | body holds a zero byte at offset 0",
        "lone surrogate | 7b2261223a225c7564383030227d | 400 | a"
            + " | value at a holds an unpaired surrogate",
        "unknown field | 7b227265766973696f6e223a226d61696e227d | 400 | revision"
            + " | unknown field 'revision'",
      })
  void apiBodiesAreReadStrictly(String what, String hex, int status, String field, String error) {
    TestUsers.as("alice")
        .contentType("application/json")
        .body(HexFormat.of().parseHex(hex))
        .post("/api/v1/config/sync")
        .then()
        .statusCode(status)
        .contentType(ContentType.JSON)
        .body("field", is(field))
        .body("error", startsWith(error));
  }

  @Test
  void aBodyLabelledWithAnotherCharsetIs415NamingTheContentType() {
    TestUsers.as("alice")
        .contentType("application/json; charset=UTF-16")
        .body(new byte[] {'{', '}'})
        .post("/api/v1/config/sync")
        .then()
        .statusCode(415)
        .body("field", is("Content-Type"))
        .body("error", is("Content-Type says charset=UTF-16, but JSON is UTF-8 only"));
  }

  @Test
  void aClientAskingForHttp2GetsItsBodyTakenOverHttp11() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2) // asks for h2c, as the CLI's client does
            .build()
            .send(
                HttpRequest.newBuilder(root.resolve("/api/v1/config/sync"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", TestUsers.bearer("alice"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"revision\":\"main\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("unknown field 'revision'");
  }

  @Test
  void aSignedDeliveryIsParsedStrictly() {
    String pr = Payloads.text("pull_request.opened");
    signed(pr.replace("    \"number\": 7,", "    \"number\": \"7\","))
        .then()
        .statusCode(400)
        .body("field", is("pull_request.number"))
        .body(
            "error",
            is("pull_request.number has the wrong type: expected a whole number, got a string"));
    signed(pr.replace("\"action\": \"opened\"", "\"action\": \"opened\", \"action\": \"closed\""))
        .then()
        .statusCode(400)
        .body("field", is("action"));
    signed(pr + "{}").then().statusCode(400).body("error", startsWith("body holds more than one"));
    byte[] bom = ("\uFEFF" + pr).getBytes(StandardCharsets.UTF_8);
    given()
        .contentType(ContentType.JSON)
        .header("X-GitHub-Event", "pull_request")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", WebhookSignature.sign(IntakeProfile.SECRET, bom))
        .body(bom)
        .post("/hooks/github")
        .then()
        .statusCode(400)
        .body("error", startsWith("body starts with a byte order mark"));
  }

  private static io.restassured.response.Response signed(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return given()
        .contentType(ContentType.JSON)
        .header("X-GitHub-Event", "pull_request")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", WebhookSignature.sign(IntakeProfile.SECRET, bytes))
        .body(bytes)
        .post("/hooks/github");
  }

  private RawHttp.Answer declared(String path, long length, String header) throws Exception {
    try (RawHttp c = connect()) {
      return c.head(
              "POST " + path + " HTTP/1.1",
              "X-GitHub-Event: push",
              "Content-Type: application/json",
              header,
              "Content-Length: " + length)
          .answer();
    }
  }

  private static byte[] crlf() {
    return "\r\n".getBytes(StandardCharsets.US_ASCII);
  }
}
