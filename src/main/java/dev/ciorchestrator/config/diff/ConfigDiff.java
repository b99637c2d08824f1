package dev.ciorchestrator.config.diff;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The effective difference between two config revisions: every repository, job and policy added,
 * removed or changed, after defaults (DESIGN.md "Config repository changes"). Effective means what
 * runs, not what is written: moving a job to another file, reordering keys or spelling out a
 * default changes nothing here. Recipes expand into jobs before the snapshot is made, so a change
 * to a shared recipe shows as each job it alters.
 *
 * @param entries by kind (repositories, jobs, policies), then name
 */
public record ConfigDiff(List<Entry> entries) {
  /** The kinds a diff covers, in the order it lists them. */
  public enum Kind {
    REPOSITORY("Repository", "repositories"),
    JOB("Job", "jobs"),
    POLICY("Policy", "policies");

    private final String label;
    private final String plural;

    Kind(String label, String plural) {
      this.label = label;
      this.plural = plural;
    }

    public String label() {
      return label;
    }

    /** {@code 1 job}, {@code 2 jobs}. */
    public String count(long n) {
      return n + " " + (n == 1 ? label.toLowerCase(Locale.ROOT) : plural);
    }
  }

  public enum Op {
    ADDED,
    REMOVED,
    CHANGED
  }

  /**
   * One field that differs, by its path as written in YAML where the names agree ({@code
   * triggers.pullRequest.paths}, {@code merge.queue.maxBatch}), rendered as text; {@code before} is
   * empty for an added document, {@code after} for a removed one.
   */
  public record Field(String path, String before, String after) {
    public Field {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }
  }

  /**
   * @param fields what changed; for an added or removed document, its every field
   */
  public record Entry(Kind kind, String name, Op op, List<Field> fields) {
    public Entry {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(op, "op");
      fields = List.copyOf(fields);
    }

    /** {@code Job go-test}. */
    public String title() {
      return kind.label() + " " + name;
    }
  }

  public ConfigDiff {
    entries = List.copyOf(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** How many entries of {@code kind} have {@code op}. */
  public long count(Kind kind, Op op) {
    return entries.stream().filter(e -> e.kind() == kind && e.op() == op).count();
  }

  /** {@code 2 jobs added, 1 job changed, 1 policy removed}, or {@code no difference}. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    for (Kind kind : Kind.values()) {
      for (Op op : Op.values()) {
        long n = count(kind, op);
        if (n > 0) {
          out.append(out.isEmpty() ? "" : ", ")
              .append(kind.count(n))
              .append(' ')
              .append(op.name().toLowerCase(Locale.ROOT));
        }
      }
    }
    return out.isEmpty() ? "no difference" : out.toString();
  }
}
