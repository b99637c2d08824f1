package dev.ciorchestrator.artifact;

import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The one way an upstream run's files reach a job, whatever their source ({@link BlobSource}: the
 * local store, or the service over HTTP): each manifest path must stay inside the job's folder;
 * each file is streamed into a temporary file beside its place, read no further than the size the
 * manifest gives, its digest computed on the way, and moved into place with its mode only when size
 * and digest match. A file that does not match is never left behind, whole or in part.
 */
public final class Inbox {
  private static final int BUFFER = 64 * 1024;

  private Inbox() {}

  /**
   * Puts {@code files} of run {@code runId} of {@code job} under {@code <inbox>/<job>/}. A run that
   * collected nothing leaves an empty folder, which says so.
   *
   * @param inbox the folder {@code $CI_ARTIFACTS} names
   */
  public static List<RunArtifacts.Received> fill(
      Path inbox, String job, String runId, List<Manifest.Entry> files, BlobSource source)
      throws IOException {
    Path into = Files.createDirectories(inside(inbox, job, "the job name " + job));
    List<RunArtifacts.Received> received = new ArrayList<>();
    for (Manifest.Entry e : files) {
      String shown = RunArtifacts.INBOX + "/" + job + "/" + e.path();
      copy(source, e, inside(into, e.path(), shown), shown + " (run " + runId + ")");
      received.add(new RunArtifacts.Received(job, runId, e.path(), e.digest()));
    }
    return List.copyOf(received);
  }

  /**
   * Writes {@code entry}'s content from {@code source} to {@code target}, checked against the
   * entry's size and digest, with the mode it was collected with (always readable and writable by
   * its owner, so the folder can be deleted). On a mismatch neither the temporary file nor {@code
   * target} remains.
   *
   * @param shown how the file is named in the error
   */
  public static void copy(BlobSource source, Manifest.Entry entry, Path target, String shown)
      throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), AtomicFiles.TEMP_PREFIX, ".part");
    try {
      String actual = write(source, entry, temp, shown);
      if (!actual.equals(entry.digest())) {
        throw new ArtifactException(
            "artifacts: %s does not match its manifest: expected %s, got %s"
                .formatted(shown, entry.digest(), actual));
      }
      FileModes.set(temp, entry.mode() | 0600);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (ArtifactException e) {
      Files.deleteIfExists(target); // an earlier copy of it must not pass for this one
      throw e;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Streams at most the entry's size (and one byte more, to tell a longer file) into {@code to}.
   */
  private static String write(BlobSource source, Manifest.Entry entry, Path to, String shown)
      throws IOException {
    MessageDigest sha = sha256();
    long size = 0;
    byte[] buf = new byte[BUFFER];
    try (InputStream in = source.open(entry);
        OutputStream out = Files.newOutputStream(to)) {
      for (int n;
          (n = in.readNBytes(buf, 0, (int) Math.min(BUFFER, entry.size() + 1 - size))) > 0; ) {
        size += n;
        if (size > entry.size()) {
          throw new ArtifactException(
              "artifacts: %s does not match its manifest: it is longer than %d bytes"
                  .formatted(shown, entry.size()));
        }
        sha.update(buf, 0, n);
        out.write(buf, 0, n);
      }
    }
    if (size != entry.size()) {
      throw new ArtifactException(
          "artifacts: %s does not match its manifest: %d bytes instead of %d"
              .formatted(shown, size, entry.size()));
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  /** Manifest paths are relative; one that would leave the folder is refused. */
  static Path inside(Path folder, String path, String shown) throws ArtifactException {
    Path dir = folder.toAbsolutePath().normalize();
    Path target;
    try {
      target = dir.resolve(path).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new ArtifactException("artifacts: " + shown + " is not a usable path");
    }
    if (path.isEmpty() || path.startsWith("/") || !target.startsWith(dir) || target.equals(dir)) {
      throw new ArtifactException("artifacts: " + shown + " is not a path inside the folder");
    }
    return target;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
