package dev.ciorchestrator.upload;

import java.io.IOException;

/**
 * Where what a Kubernetes run's pod uploads waits until the run's end is decided: a file of the
 * workspace or the log arrives in chunks, each at the offset it continues (a resent chunk replaces
 * its place and what followed it, so a retry after a lost answer is harmless), then the sidecar's
 * last word. The files of a run, and its log, are each bounded by {@link #quota}: a chunk over it
 * is refused with 413 before a byte of it is kept. Once {@code done} is in, nothing more is taken.
 *
 * <p>Two kinds, one contract ({@code UploadStagingContract}): {@link RunUploads} on the leader's
 * disk for the file store (one replica), and {@link PostgresUploadStaging} in the shared database
 * for {@code ci.store.kind=postgres}, so the replica that becomes leader finds everything the last
 * one accepted and a failover during or after a pod's upload loses nothing.
 */
public interface UploadStaging {
  /** The most bytes of files, and of log, one run may upload. */
  long quota();

  /**
   * Keeps {@code chunk} at {@code offset} of the run's workspace file {@code path}, or of its log
   * when {@code path} is null.
   *
   * @throws UploadRefused 400 for a bad run id or path, 409 for an offset that skips bytes, a path
   *     that clashes with one uploaded before ({@code a} then {@code a/b}) or a finished upload,
   *     413 over the quota
   */
  void append(String runId, String path, long offset, byte[] chunk)
      throws UploadRefused, IOException;

  /** The sidecar finished; saying it again (a retry after a lost answer) changes nothing. */
  void finish(String runId, StagedRun.Done done) throws UploadRefused, IOException;

  /**
   * What the run's pod uploaded, as files on this replica's disk for the take-in (until {@link
   * #delete}).
   */
  StagedRun staged(String runId) throws IOException;

  /** The run's end is recorded (or it never will be by this replica): what it uploaded goes. */
  void delete(String runId) throws IOException;
}
