package dev.ciorchestrator.supply;

import dev.ciorchestrator.domain.Decision;
import java.util.Set;

/**
 * Whether a run may push its artifacts to a registry. A registry push is a release: it happens for
 * the triggers the job lists in {@code publish.on} (default {@code push}), and never for a change
 * whose author is not trusted, whatever the job says, because its code wrote the artifacts.
 */
public final class PublishPolicy {
  public static final String POLICY = "publish";

  /** The {@code publish.on} values. */
  public static final Set<String> KINDS = Set.of("push", "change", "schedule");

  private PublishPolicy() {}

  /**
   * @param trigger the run's trigger wire name
   * @param authorTrusted for a change run: whether its author is trusted; ignored otherwise
   * @param on the job's {@code publish.on}
   */
  public static Decision decide(String trigger, boolean authorTrusted, Set<String> on) {
    String kind =
        switch (trigger) {
          case "pull_request", "command" -> "change";
          default -> trigger;
        };
    if (kind.equals("change") && !authorTrusted) {
      return Decision.fail(POLICY, "not published: the change's author is not trusted");
    }
    if (!on.contains(kind)) {
      return Decision.fail(POLICY, "not published: publish.on " + on + " does not include " + kind);
    }
    return Decision.pass(POLICY, "published on " + kind);
  }
}
