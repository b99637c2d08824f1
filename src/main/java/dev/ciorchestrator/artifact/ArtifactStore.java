package dev.ciorchestrator.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Content-addressed artifact storage on disk: {@code blobs/sha256/<hex>} once per distinct content,
 * and {@code runs/<runId>.json}, the manifest of what a run collected. Files are streamed through
 * the digest into a temporary file (never whole in memory) and counted as they are read, so a run
 * over its quota or the store over its cap stops at that byte, not after filling the disk.
 * Thread-safe: collections and expiry take turns.
 */
public final class ArtifactStore implements Blobs {
  private static final Pattern DIGEST = Pattern.compile("sha256:([0-9a-f]{64})");
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final int BUFFER = 64 * 1024;

  /**
   * @param perRun the most bytes one run may collect
   * @param total the most bytes of distinct content the store may hold
   * @param retention how long a manifest that was not published is kept
   */
  public record Limits(long perRun, long total, Duration retention) {}

  private final Path blobs;
  private final Path runs;
  private final Limits limits;
  private final Clock clock;
  private final ObjectMapper json =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private long stored = -1; // bytes under blobs/, counted on first use; guarded by this

  public ArtifactStore(Path dir, Limits limits, Clock clock) {
    this.blobs = dir.resolve("blobs").resolve("sha256");
    this.runs = dir.resolve("runs");
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Collects the workspace files that {@code globs} select into the store and writes the run's
   * manifest (an empty one when nothing matched).
   *
   * @throws ArtifactException a quota, the cap, or a path outside the workspace; nothing of the run
   *     is kept then
   */
  public synchronized Manifest collect(String runId, Path workspace, List<String> globs)
      throws IOException {
    checkRunId(runId);
    Files.createDirectories(blobs);
    Files.createDirectories(runs);
    List<Manifest.Entry> entries =
        storeAll(WorkspaceFiles.select(workspace, globs), new ArrayList<>(), 0);
    Manifest manifest = new Manifest(runId, clock.instant(), entries, false);
    write(manifest);
    return manifest;
  }

  /**
   * Adds files the controller made for a collected run (its SBOM, provenance, signatures) to its
   * manifest, under the run's quota like the rest.
   *
   * @param files manifest path to the file now holding it
   * @throws ArtifactException a path the run already has, a quota or the cap; nothing is added then
   */
  public synchronized Manifest attach(String runId, Map<String, Path> files) throws IOException {
    Manifest before =
        manifest(runId)
            .orElseThrow(() -> new ArtifactException("artifacts: run " + runId + " has none"));
    Set<String> taken = new HashSet<>();
    before.files().forEach(e -> taken.add(e.path()));
    List<WorkspaceFiles.Selected> selected = new ArrayList<>();
    for (Map.Entry<String, Path> f : new TreeMap<>(files).entrySet()) {
      if (!taken.add(f.getKey())) {
        throw new ArtifactException(
            "artifacts: the workspace has %s, which the run's supply chain writes"
                .formatted(f.getKey()));
      }
      selected.add(new WorkspaceFiles.Selected(f.getKey(), f.getValue()));
    }
    List<Manifest.Entry> entries =
        storeAll(selected, new ArrayList<>(before.files()), before.totalSize());
    Manifest after = new Manifest(runId, before.collectedAt(), entries, before.published());
    write(after);
    return after;
  }

  /**
   * Copies the stored content of {@code entry} to {@code target}, checking it against the entry's
   * digest on the way: a blob changed on disk is refused, never handed on. The copy gets the mode
   * the file had when it was collected (an executable script stays executable), always readable and
   * writable by its owner so the workspace can be deleted.
   *
   * @param shown how the file is named in the error
   */
  public void copyVerified(Manifest.Entry entry, Path target, String shown) throws IOException {
    Inbox.copy(BlobSource.of(this), entry, target, shown);
  }

  /**
   * Stores {@code files} after {@code entries}, a run that holds {@code runBytes} already; on any
   * failure the blobs it added are deleted again.
   */
  private List<Manifest.Entry> storeAll(
      List<WorkspaceFiles.Selected> files, List<Manifest.Entry> entries, long runBytes)
      throws IOException {
    long before = storedBytes();
    List<Path> added = new ArrayList<>();
    try {
      for (WorkspaceFiles.Selected file : files) {
        Stored s = store(file, limits.perRun() - runBytes, limits.total() - stored, added);
        runBytes += s.entry().size();
        entries.add(s.entry());
      }
    } catch (IOException | RuntimeException e) {
      for (Path p : added) {
        Files.deleteIfExists(p);
      }
      stored = before;
      throw e;
    }
    return entries;
  }

  private record Stored(Manifest.Entry entry) {}

  private Stored store(WorkspaceFiles.Selected file, long runLeft, long storeLeft, List<Path> added)
      throws IOException {
    Path temp = Files.createTempFile(blobs, AtomicFiles.TEMP_PREFIX, ".blob");
    try {
      MessageDigest sha = sha256();
      long size = 0;
      byte[] buf = new byte[BUFFER];
      try (InputStream in = Files.newInputStream(file.file(), LinkOption.NOFOLLOW_LINKS);
          OutputStream out = Files.newOutputStream(temp)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          size += n;
          if (size > runLeft) {
            throw new ArtifactException(
                "artifacts: %s makes the run's artifacts larger than ci.artifacts.max-run-size (%d bytes)"
                    .formatted(file.path(), limits.perRun()));
          }
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      String hex = HexFormat.of().formatHex(sha.digest());
      Path blob = blobs.resolve(hex);
      if (!Files.exists(blob)) {
        if (size > storeLeft) {
          throw new ArtifactException(
              "artifacts: the store is full: %s does not fit under ci.artifacts.max-total-size (%d bytes)"
                  .formatted(file.path(), limits.total()));
        }
        try {
          Files.move(temp, blob, StandardCopyOption.ATOMIC_MOVE);
          added.add(blob);
          stored += size;
        } catch (FileAlreadyExistsException e) {
          // the same content arrived meanwhile: one copy is enough
        }
      }
      String media = MediaTypes.of(file.path(), blob);
      return new Stored(
          new Manifest.Entry(file.path(), size, "sha256:" + hex, media, FileModes.of(file.file())));
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  public synchronized Optional<Manifest> manifest(String runId) throws IOException {
    if (!RUN_ID.matcher(runId).matches()) {
      return Optional.empty();
    }
    Path file = runs.resolve(runId + ".json");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(json.readValue(file.toFile(), Manifest.class));
  }

  /** The stored content of {@code digest} ({@code sha256:<hex>}); empty if unknown or malformed. */
  public Optional<Path> blob(String digest) {
    var m = DIGEST.matcher(digest);
    if (!m.matches()) {
      return Optional.empty();
    }
    Path blob = blobs.resolve(m.group(1));
    return Files.isRegularFile(blob) ? Optional.of(blob) : Optional.empty();
  }

  @Override
  public Path file(Manifest.Entry entry) throws ArtifactException {
    return blob(entry.digest())
        .orElseThrow(
            () ->
                new ArtifactException(
                    "artifacts: the content of %s (%s) is no longer stored"
                        .formatted(entry.path(), entry.digest())));
  }

  /** The hook for publishing: a published set outlives {@code ci.artifacts.retention}. */
  public synchronized void markPublished(String runId) throws IOException {
    Optional<Manifest> m = manifest(runId);
    if (m.isPresent()) {
      write(m.get().asPublished());
    }
  }

  /**
   * Drops the manifests older than the retention that were not published, then every blob no
   * manifest names any more.
   *
   * @return how many blobs were deleted
   */
  public synchronized int expire() throws IOException {
    if (!Files.isDirectory(runs)) {
      return 0;
    }
    Instant oldest = clock.instant().minus(limits.retention());
    Set<String> kept = new HashSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(runs, "*.json")) {
      for (Path f : files) {
        Manifest m = json.readValue(f.toFile(), Manifest.class);
        if (!m.published() && m.collectedAt().isBefore(oldest)) {
          Files.delete(f);
        } else {
          m.files().forEach(e -> kept.add(e.digest().substring("sha256:".length())));
        }
      }
    }
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
      for (Path b : files) {
        String name = b.getFileName().toString();
        if (!name.startsWith(AtomicFiles.TEMP_PREFIX) && !kept.contains(name)) {
          stored -= stored < 0 ? 0 : Files.size(b);
          Files.delete(b);
          deleted++;
        }
      }
    }
    return deleted;
  }

  private void write(Manifest manifest) throws IOException {
    AtomicFiles.replace(runs.resolve(manifest.runId() + ".json"), json.writeValueAsBytes(manifest));
  }

  private long storedBytes() throws IOException {
    if (stored < 0) {
      long sum = 0;
      try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
        for (Path b : files) {
          sum += Files.size(b);
        }
      }
      stored = sum;
    }
    return stored;
  }

  private static void checkRunId(String runId) {
    if (!RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("not a run id: " + runId);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
