package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.forge.ForgeChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/** The {@link RepoExtension}s of a reconciler, asked in order. */
final class Extensions {
  private static final Logger LOG = Logger.getLogger(Extensions.class);
  static final String POLICY = "extension";

  private final List<RepoExtension> all;

  Extensions(List<RepoExtension> all) {
    this.all = List.copyOf(all);
  }

  boolean isEmpty() {
    return all.isEmpty();
  }

  /** What the extensions add to each gate; an extension that fails blocks, never passes. */
  Map<Long, List<Decision>> gates(
      ConfigSnapshot snapshot, Repository repository, List<ForgeChange> changed) {
    Map<Long, List<Decision>> out = new HashMap<>();
    if (all.isEmpty()) {
      return out;
    }
    for (ForgeChange fc : changed) {
      List<Decision> decisions = new ArrayList<>();
      for (RepoExtension e : all) {
        try {
          decisions.addAll(e.gate(snapshot, repository, fc));
        } catch (RuntimeException ex) {
          LOG.errorf(ex, "gate check of %s#%d failed", repository.name(), fc.number());
          decisions.add(Decision.fail(POLICY, "internal error: " + ex));
        }
      }
      out.put(fc.number(), List.copyOf(decisions));
    }
    return out;
  }

  /** Tells each extension the plan, and gathers what they add to its report. */
  ReportExtra planned(Repository repository, ForgeChange fc, ChangePlan plan) {
    ReportExtra extra = ReportExtra.NONE;
    for (RepoExtension e : all) {
      e.planned(repository, fc, plan);
      extra = extra.plus(e.report(repository, fc));
    }
    return extra;
  }

  /** Lets each act; the changes whose report any of them changed. */
  Set<Long> act(RepoPass pass) throws IOException {
    Set<Long> touched = new HashSet<>();
    for (RepoExtension e : all) {
      touched.addAll(e.afterChanges(pass));
    }
    return touched;
  }
}
