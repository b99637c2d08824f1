package dev.ciorchestrator.config.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a job says about the quality of its results and how to make it fast: {@code tier}, {@code
 * reports} and {@code caches}. Kept in one record so that recipes can lay it over a job whole.
 *
 * @param tier null when the job names none
 */
public record JobQuality(Tier tier, Reports reports, List<Cache> caches) {
  public static final JobQuality NONE = new JobQuality(null, Reports.NONE, List.of());

  public JobQuality {
    reports = reports == null ? Reports.NONE : reports;
    caches = List.copyOf(caches);
  }

  /** Which kind of check the job is, for gate policies ({@code jobs[j].tier}). */
  public enum Tier {
    UNIT,
    INTEGRATION,
    E2E,
    STATIC,
    LINT,
    VULN,
    BUILD,
    RELEASE;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static List<String> wires() {
      return Arrays.stream(values()).map(Tier::wire).toList();
    }

    public static Optional<Tier> ofWire(String wire) {
      return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }
  }

  /** Globs, relative to the workspace, of the files a run leaves behind for the orchestrator. */
  public record Reports(List<String> junit, List<String> sarif) {
    public static final Reports NONE = new Reports(List.of(), List.of());

    public Reports {
      junit = List.copyOf(junit);
      sarif = List.copyOf(sarif);
    }

    public boolean isEmpty() {
      return junit.isEmpty() && sarif.isEmpty();
    }
  }

  /**
   * A folder kept between runs. Exactly one of {@code path} (relative to the workspace) and {@code
   * env} (a variable the run gets, naming the restored folder) is set; the other is empty.
   *
   * @param key files (globs) whose contents are hashed into the cache key
   */
  public record Cache(String name, String path, String env, List<String> key) {
    public Cache {
      path = path == null ? "" : path;
      env = env == null ? "" : env;
      key = List.copyOf(key);
    }
  }
}
