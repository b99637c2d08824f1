package dev.ciorchestrator.artifact;

import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.reconcile.ChangeReport;
import dev.ciorchestrator.reconcile.RepoExtension;
import dev.ciorchestrator.reconcile.ReportExtra;
import dev.ciorchestrator.reconcile.ResultLines;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The summary comment's "Artifacts" section: per job whose latest run on the head succeeded and
 * collected files, each file's name, size and digest, linked to its download, and the run's whole
 * manifest. Only what the store says; the same runs render the same text.
 */
public final class ArtifactSection implements RepoExtension {
  private static final Logger LOG = Logger.getLogger(ArtifactSection.class);

  /** Files listed per run; the manifest link lists the rest. */
  static final int SHOWN = 8;

  private final RunStore runs;
  private final ArtifactStore store;
  private final RunLinks links;

  public ArtifactSection(RunStore runs, ArtifactStore store, RunLinks links) {
    this.runs = runs;
    this.store = store;
    this.links = links;
  }

  @Override
  public ReportExtra report(Repository repository, ForgeChange change) {
    try {
      Map<String, Manifest> collected = collected(repository.name(), change);
      return collected.isEmpty()
          ? ReportExtra.NONE
          : new ReportExtra(List.of(), List.of(render(collected, links)), Map.of());
    } catch (IOException e) {
      LOG.warnf("artifacts of %s#%d not shown: %s", repository.name(), change.number(), e);
      return ReportExtra.NONE;
    }
  }

  /** The manifests of the head's latest successful runs, by job. */
  private Map<String, Manifest> collected(String repo, ForgeChange change) throws IOException {
    Map<String, RunRecord> latest =
        ChangeReport.latestOnHead(
            change.number(), change.state().change().headSha(), runs.forRepo(repo));
    Map<String, Manifest> out = new TreeMap<>();
    for (RunRecord r : latest.values()) {
      if (r.state() == RunState.SUCCESS) {
        Optional<Manifest> m = store.manifest(r.id());
        if (m.isPresent() && !m.get().files().isEmpty()) {
          out.put(r.key().job(), m.get());
        }
      }
    }
    return out;
  }

  static String render(Map<String, Manifest> byJob, RunLinks links) {
    List<String> lines = new ArrayList<>(List.of("**Artifacts:**"));
    byJob.forEach(
        (job, m) -> {
          lines.add(
              "- `%s` ([%d files](%s)):"
                  .formatted(job, m.files().size(), links.artifacts(m.runId())));
          m.files().stream()
              .limit(SHOWN)
              .forEach(
                  f ->
                      lines.add(
                          "  - [%s](%s) · %s · `%s`"
                              .formatted(
                                  ResultLines.code(f.path()),
                                  links.artifact(f.digest()),
                                  size(f.size()),
                                  f.digest().substring(0, "sha256:".length() + 12))));
          if (m.files().size() > SHOWN) {
            lines.add("  - and " + (m.files().size() - SHOWN) + " more");
          }
        });
    return String.join("\n", lines);
  }

  /** {@code 512 B}, {@code 16.1 KiB}, {@code 2.0 MiB}. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
