package dev.ciorchestrator.ha;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One forge in memory that every replica reads and writes, as replicas share GitHub. Thread-safe,
 * because an old leader's last pass may overlap the new leader's first. Statuses and comments are
 * accepted and dropped: this test is about who starts runs, not what is reported.
 */
final class SharedForge implements Forge {
  static final String REPO = "acme/app";
  private final Map<Long, ForgeChange> changes = new TreeMap<>();

  /** Opens change {@code number} by a trusted author, with its own head SHA. */
  synchronized void open(long number) {
    String sha = String.format("%040x", number);
    Instant at = Instant.parse("2026-03-01T12:00:00Z");
    Change change =
        new Change(
            REPO,
            number,
            "change " + number,
            "alice",
            false,
            List.of(),
            List.of(),
            "main",
            "b".repeat(40),
            "topic-" + number,
            sha,
            List.of("main.go"),
            true,
            at,
            at);
    changes.put(
        number,
        new ForgeChange(
            new ChangeState(change, false, List.of()),
            List.of(),
            List.of(),
            List.of(),
            Map.of(),
            ""));
  }

  @Override
  public String id() {
    return "local";
  }

  @Override
  public synchronized List<ForgeChange> openChanges(String repo) {
    return List.copyOf(changes.values());
  }

  @Override
  public Map<String, String> branches(String repo) {
    return Map.of("main", "b".repeat(40));
  }

  @Override
  public void setStatus(String repo, String sha, CommitStatus status) {}

  @Override
  public void upsertSummary(String repo, long change, String body) {}

  @Override
  public void setLabel(String repo, long change, String label, boolean present) {}

  @Override
  public void comment(String repo, long change, String key, String body) {}

  @Override
  public void acknowledge(String repo, long change, String requestId) {}

  @Override
  public MergeResult merge(String repo, long change, String headSha, MergeMethod method) {
    throw new UnsupportedOperationException("the test config never merges");
  }

  @Override
  public Path checkout(String repo) {
    return Path.of("/nonexistent/" + repo);
  }
}
