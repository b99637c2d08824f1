package dev.ciorchestrator.e2e;

import static dev.ciorchestrator.testing.TestUsers.as;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What the service-level tests do through the HTTP API, and how they wait for the loop. */
public final class ServiceApi {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private ServiceApi() {}

  /** alice opens {@code feature} into {@code main}; returns the change's number. */
  public static int openFeatureChange(String changes) {
    return as("alice")
        .contentType(ContentType.JSON)
        .body("{\"title\":\"Add feature\",\"source\":\"feature\",\"target\":\"main\"}")
        .post(changes)
        .then()
        .statusCode(201)
        .extract()
        .path("number");
  }

  /** {@code author} comments, with their own token. */
  public static void comment(String changes, int number, String author, String body) {
    as(author)
        .contentType(ContentType.JSON)
        .body("{\"body\":\"" + body + "\"}")
        .post(changes + "/" + number + "/comments")
        .then()
        .statusCode(201);
  }

  /**
   * Reads until {@code done} holds, as the loop works in the background; a minute is only a guard
   * against a hang, and the failure shows the last reading.
   */
  public static <T> T until(
      String what, Supplier<T> read, Predicate<T> done, Function<T, String> show)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      T seen = read.get();
      if (done.test(seen)) {
        return seen;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "not reached within " + PATIENCE.toSeconds() + " s: " + what + "\n" + show.apply(seen));
      }
      Thread.sleep(50);
    }
  }
}
