package dev.ciorchestrator.config.diff;

import dev.ciorchestrator.config.diff.ConfigDiff.Entry;
import dev.ciorchestrator.config.diff.ConfigDiff.Field;
import dev.ciorchestrator.config.diff.ConfigDiff.Op;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.config.model.PolicyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a config change could let a change merge, or run, that could not before: a gate or trust
 * policy removed or rewritten, a trust policy or trusted user added, a required job dropped or made
 * optional or due less often. Whether a rewritten rule is weaker is undecidable in general, so any
 * change to what a gate or trust policy decides counts; the impact's gate flips show what it does
 * to today's changes. The reasons name what relaxed, for the second approver.
 */
public final class Relaxations {
  /** Fields whose change alters what a policy decides ({@code message} only says why). */
  private static final Set<String> POLICY_DECIDES = Set.of("type", "repos", "match", "rule");

  private Relaxations() {}

  public static List<String> of(ConfigSnapshot before, ConfigSnapshot after, ConfigDiff diff) {
    List<String> reasons = new ArrayList<>();
    for (Entry e : diff.entries()) {
      switch (e.kind()) {
        case POLICY -> policy(e, before.policies(), after.policies()).ifPresent(reasons::add);
        case REPOSITORY -> repository(e).ifPresent(reasons::add);
        case JOB -> job(e, before).ifPresent(reasons::add);
      }
    }
    return List.copyOf(reasons);
  }

  private static Optional<String> policy(Entry e, List<Policy> before, List<Policy> after) {
    PolicyType was = type(before, e.name());
    PolicyType is = type(after, e.name());
    String what = (was != null ? was : is).name().toLowerCase(Locale.ROOT);
    return switch (e.op()) {
      case REMOVED -> Optional.of(what + " policy `" + e.name() + "` removed");
      case ADDED ->
          is == PolicyType.TRUST
              ? Optional.of("trust policy `" + e.name() + "` added")
              : Optional.empty();
      case CHANGED -> {
        List<String> decisive =
            e.fields().stream().map(Field::path).filter(POLICY_DECIDES::contains).toList();
        yield decisive.isEmpty()
            ? Optional.empty()
            : Optional.of(
                what + " policy `" + e.name() + "` changed: " + String.join(", ", decisive));
      }
    };
  }

  private static Optional<String> repository(Entry e) {
    if (e.op() != Op.CHANGED) {
      return Optional.empty();
    }
    List<String> why = new ArrayList<>();
    for (Field f : e.fields()) {
      if (f.path().equals("trust.users") && gained(f)) {
        why.add("trusts more users (" + f.before() + " → " + f.after() + ")");
      } else if (f.path().equals("approvals.dismissOnPush") && f.after().equals("false")) {
        why.add("keeps approvals after a push");
      }
    }
    return why.isEmpty()
        ? Optional.empty()
        : Optional.of("repository `" + e.name() + "` " + String.join(", ", why));
  }

  private static Optional<String> job(Entry e, ConfigSnapshot before) {
    boolean required = before.job(e.name()).map(Job::required).orElse(false);
    if (!required || e.op() == Op.ADDED) {
      return Optional.empty();
    }
    if (e.op() == Op.REMOVED) {
      return Optional.of("required job `" + e.name() + "` removed");
    }
    List<String> fewer =
        e.fields().stream()
            .map(Field::path)
            .filter(
                p -> p.equals("repos") || p.startsWith("triggers.pullRequest") || p.equals("when"))
            .toList();
    if (e.fields().stream().anyMatch(f -> f.path().equals("required"))) {
      return Optional.of("job `" + e.name() + "` is no longer required");
    }
    return fewer.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "required job `" + e.name() + "` may be due less often: " + String.join(", ", fewer));
  }

  private static boolean gained(Field f) {
    return !Set.copyOf(items(f.before())).containsAll(items(f.after()));
  }

  private static List<String> items(String list) {
    String inner =
        list.startsWith("[") && list.endsWith("]") ? list.substring(1, list.length() - 1) : list;
    return inner.isBlank() ? List.of() : List.of(inner.split(", "));
  }

  private static PolicyType type(List<Policy> policies, String name) {
    return policies.stream()
        .filter(p -> p.name().equals(name))
        .map(Policy::type)
        .findFirst()
        .orElse(null);
  }
}
