package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.ConfigFile;
import java.io.IOException;
import java.util.List;

/**
 * Where config revisions come from (Argo CD's repo-server in miniature): first resolve the wanted
 * revision to an immutable id, then read that id's files. Reading the same id twice yields the same
 * files, which is what makes caching snapshots by id safe.
 */
public interface ConfigSource {
  /** The id the configured revision points at now: a commit SHA, or a content hash for folders. */
  String resolve() throws IOException;

  /** Every {@code *.yaml} / {@code *.yml} under the configured path at {@code revision}. */
  List<ConfigFile> read(String revision) throws IOException;

  /** Human-readable origin for logs and the API, e.g. {@code /srv/ci-config@main:ci/}. */
  String describe();
}
