package dev.ciorchestrator.policy;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.domain.RunResults;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values of the CEL variables, as plain Java: {@link String}, {@link Long}, {@link Boolean},
 * {@link Double}, {@link List}, {@link Map} with string keys, and {@link Instant} for timestamps.
 * Every field of {@code change} and {@code repo} is always present (see {@link #changeDefaults()}).
 */
public record Bindings(
    Map<String, Object> change, Map<String, Object> jobs, Map<String, Object> repo, Instant now) {
  /** The names of the CEL variables these bindings give values to. */
  public static final Set<String> VARIABLES = Set.of("change", "jobs", "repo", "now");

  // Bounded by the tiers a config names; the bound only guards against a config with thousands.
  private static final int MAX_SHARED_VIEWS = 1_024;
  private static final Map<JobView, Map<String, Object>> SHARED_VIEWS = new ConcurrentHashMap<>();

  public Bindings {
    change = Map.copyOf(change);
    jobs = Map.copyOf(jobs);
    repo = Map.copyOf(repo);
    Objects.requireNonNull(now, "now");
  }

  /**
   * A job's entry in the {@code jobs} map.
   *
   * @param tier the job's {@code tier}, "" when it names none
   * @param results what the reports of its latest run on the head said; {@code tests} and {@code
   *     findings} are left out of the map where no report was read, so rules test {@code
   *     has(jobs.x.tests)}
   */
  public record JobView(JobStatus status, boolean required, String tier, RunResults results) {
    public JobView {
      tier = Objects.requireNonNullElse(tier, "");
      results = Objects.requireNonNullElse(results, RunResults.NONE);
    }

    public JobView(JobStatus status, boolean required) {
      this(status, required, "", RunResults.NONE);
    }

    /**
     * The entry as the {@code jobs} map shows it. A view without results is one of a few dozen
     * (status × required × tier), and every change's bindings repeat them for each of its jobs, so
     * those are built once and shared: the same instance for equal views, which also makes
     * comparing two {@code jobs} maps cheap.
     */
    Map<String, Object> toMap() {
      if (results != RunResults.NONE) {
        return build();
      }
      Map<String, Object> shared = SHARED_VIEWS.get(this);
      if (shared == null) {
        shared = build();
        if (SHARED_VIEWS.size() < MAX_SHARED_VIEWS) {
          SHARED_VIEWS.putIfAbsent(this, shared);
        }
      }
      return shared;
    }

    private Map<String, Object> build() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", status.wire());
      m.put("required", required);
      m.put("tier", tier);
      if (results.tests() != null) {
        var t = results.tests();
        m.put("tests", Map.of("passed", t.passed(), "failed", t.failed(), "skipped", t.skipped()));
      }
      if (results.findings() != null) {
        var f = results.findings();
        m.put("findings", Map.of("error", f.error(), "warning", f.warning(), "note", f.note()));
      }
      return Collections.unmodifiableMap(m);
    }
  }

  public static Bindings of(
      Change change,
      Map<String, JobView> jobs,
      String repoName,
      String defaultBranch,
      Instant now) {
    // Built immutable here, so the constructor's copy is no copy at all.
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map.Entry<String, Object>[] entries = new Map.Entry[jobs.size()];
    int i = 0;
    for (Map.Entry<String, JobView> job : jobs.entrySet()) {
      entries[i++] = Map.entry(job.getKey(), job.getValue().toMap());
    }
    return new Bindings(
        changeMap(change), Map.ofEntries(entries), repoMap(repoName, defaultBranch), now);
  }

  public static Map<String, Object> changeMap(Change c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", c.number());
    m.put("title", c.title());
    m.put("author", c.author());
    m.put("draft", c.draft());
    m.put("labels", c.labels());
    m.put("approvals", c.approvals());
    m.put("baseRef", c.baseRef());
    m.put("baseSha", c.baseSha());
    m.put("headRef", c.headRef());
    m.put("headSha", c.headSha());
    m.put("files", c.files());
    m.put("mergeable", c.mergeable());
    m.put("createdAt", c.createdAt());
    m.put("updatedAt", c.updatedAt());
    return m;
  }

  public static Map<String, Object> repoMap(String name, String defaultBranch) {
    return Map.of("name", name, "defaultBranch", defaultBranch);
  }

  /** The empty default every policy test input is laid over: empty lists, false, 0, "". */
  public static Map<String, Object> changeDefaults() {
    return changeMap(
        new Change(
            "",
            0,
            "",
            "",
            false,
            List.of(),
            List.of(),
            "",
            "",
            "",
            "",
            List.of(),
            false,
            Instant.EPOCH,
            Instant.EPOCH));
  }
}
