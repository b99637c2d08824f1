package dev.ciorchestrator.upload;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The sidecar's environment, as the Job renderer writes it: the names here and there are one
 * contract, so both use these constants.
 */
public final class PodEnv {
  public static final String URL = "CI_UPLOAD_URL";
  public static final String RUN = "CI_UPLOAD_RUN";
  public static final String TOKEN = "CI_UPLOAD_TOKEN";
  public static final String PLAN = "CI_UPLOAD_PLAN";
  public static final String WORKSPACE = "CI_UPLOAD_WORKSPACE";
  public static final String SHARED = "CI_UPLOAD_SHARED";

  /** Where {@code pod fetch} puts the upstream runs' artifacts: the job's {@code $CI_ARTIFACTS}. */
  public static final String FETCH_INTO = "CI_FETCH_INTO";

  /** Seconds the sidecar waits for the job at most: the run's deadline. */
  public static final String WAIT = "CI_UPLOAD_WAIT";

  /**
   * Where every {@code pod} utility tells Kubernetes how it ended (the container's termination
   * message; default {@code /dev/termination-log}).
   */
  public static final String MESSAGE = "CI_POD_MESSAGE";

  private PodEnv() {}

  /** The sidecar of this environment; names the variable that is missing or wrong. */
  public static PodUpload sidecar(Map<String, String> env, Clock clock) throws IOException {
    Instant until = deadline(env, clock);
    PodUpload.Plan plan;
    try {
      plan = PodUpload.Plan.of(need(env, PLAN));
    } catch (IOException e) {
      throw new IOException(PLAN + " is not an upload plan: " + e.getMessage());
    }
    return new PodUpload(
        new PodUpload.Settings(
            need(env, URL),
            need(env, RUN),
            need(env, TOKEN),
            plan,
            Path.of(need(env, WORKSPACE)),
            Path.of(need(env, SHARED)),
            until),
        clock);
  }

  /** When a utility gives up at the latest: {@link #WAIT} seconds from now. */
  public static Instant deadline(Map<String, String> env, Clock clock) throws IOException {
    try {
      return clock.instant().plusSeconds(Long.parseLong(need(env, WAIT)));
    } catch (NumberFormatException e) {
      throw new IOException(WAIT + " must be a number of seconds, got " + env.get(WAIT));
    }
  }

  public static String need(Map<String, String> env, String name) throws IOException {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IOException("the environment variable " + name + " is not set");
    }
    return value;
  }
}
