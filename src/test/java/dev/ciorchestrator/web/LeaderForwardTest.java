package dev.ciorchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.run.LeaderDirectory;
import dev.ciorchestrator.run.WriteFence;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A follower's route in front of a real Vert.x server, forwarding over real sockets to a "leader"
 * that echoes what it received; the follower's own resources are a last route that says "local".
 */
class LeaderForwardTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private Vertx vertx;
  private HttpServer follower;
  private HttpServer leader;
  private final AtomicReference<Optional<LeaderDirectory.Leader>> known =
      new AtomicReference<>(Optional.empty());
  private final WriteFence fence = WriteFence.closed();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Router leading = Router.router(vertx);
    leading
        .route()
        .handler(
            ctx ->
                ctx.request()
                    .body()
                    .onSuccess(
                        body ->
                            ctx.response()
                                .setStatusCode(201)
                                .putHeader("Content-Type", "application/json")
                                .putHeader("Location", "/somewhere")
                                .end(
                                    new JsonObject()
                                        .put("method", ctx.request().method().name())
                                        .put("uri", ctx.request().uri())
                                        .put("auth", ctx.request().getHeader("Authorization"))
                                        .put("cookie", ctx.request().getHeader("Cookie"))
                                        .put(
                                            "forwarded",
                                            ctx.request().getHeader(LeaderForward.FORWARDED))
                                        .put("body", body.toString())
                                        .encode())));
    leader = listen(leading);

    Router router = Router.router(vertx);
    // what the intake does in the service: the body, taken and bounded, waits in the context
    router
        .route()
        .order(-10)
        .handler(
            ctx ->
                ctx.request()
                    .body()
                    .onSuccess(
                        b -> {
                          ctx.put(IntakeBody.KEY, b.length() == 0 ? null : b.getBytes());
                          ctx.next();
                        }));
    LeaderDirectory directory =
        new LeaderDirectory() {
          @Override
          public void publish(Leader leader) {
            known.set(Optional.of(leader));
          }

          @Override
          public Optional<Leader> leader() {
            return known.get();
          }
        };
    new LeaderForward(fence, directory, vertx).install(router);
    router.route().order(5000).handler(ctx -> ctx.response().setStatusCode(503).end("local"));
    follower = listen(router);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private HttpServer listen(Router router) throws Exception {
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + follower.actualPort() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer test-token-alice")
            .header("Cookie", "ci_session=abc")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void leaderAt(int port) {
    known.set(Optional.of(new LeaderDirectory.Leader("b", "http://127.0.0.1:" + port)));
  }

  @Test
  void aFollowersWriteReachesTheLeaderWithTheCallersCredentialsAndBody() throws Exception {
    leaderAt(leader.actualPort());
    HttpResponse<String> answer = post("/api/v1/repos/a/b/changes?x=1", "{\"title\":\"t\"}");

    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(answer.headers().firstValue("Location")).hasValue("/somewhere");
    JsonObject seen = new JsonObject(answer.body());
    assertThat(seen.getString("method")).isEqualTo("POST");
    assertThat(seen.getString("uri")).isEqualTo("/api/v1/repos/a/b/changes?x=1");
    assertThat(seen.getString("auth")).isEqualTo("Bearer test-token-alice");
    assertThat(seen.getString("cookie")).isEqualTo("ci_session=abc");
    assertThat(seen.getString("forwarded")).isEqualTo("1");
    assertThat(seen.getString("body")).isEqualTo("{\"title\":\"t\"}");
  }

  @Test
  void withoutAKnownOrReachableLeaderTheFollowerAnswersItself() throws Exception {
    assertThat(post("/runs/x/abort", "").body()).as("no leader known").isEqualTo("local");
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    leaderAt(closed);
    HttpResponse<String> answer = post("/runs/x/abort", "");
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).as("the leader is gone: nothing was sent").isEqualTo("local");
  }

  @Test
  void readsWebhooksForwardedRequestsAndALeadersOwnWritesStayHere() throws Exception {
    leaderAt(leader.actualPort());
    assertThat(post("/hooks/github", "{}").body()).isEqualTo("local");
    HttpResponse<String> again =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + follower.actualPort() + "/api/v1/x"))
                .header(LeaderForward.FORWARDED, "1")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(again.body()).as("never forwarded twice").isEqualTo("local");
    assertThat(LeaderForward.forwardable(HttpMethod.GET, "/api/v1/runs")).isFalse();
    assertThat(LeaderForward.forwardable(HttpMethod.DELETE, "/api/v1/x")).isTrue();
    assertThat(LeaderForward.forwardable(HttpMethod.POST, "/login")).isFalse();

    fence.lead();
    assertThat(post("/api/v1/x", "{}").body()).as("the leader answers itself").isEqualTo("local");
  }
}
