package dev.ciorchestrator.artifact;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Content-addressed artifact storage: {@code blobs/sha256/<hex>} on disk once per distinct content,
 * and a manifest per run of what it collected, both kept on an {@link ArtifactShelf}: this folder
 * itself on one computer, or PostgreSQL shared by several replicas (then this folder holds the
 * verified copies this replica read). Files are streamed through the digest into a temporary file
 * (never whole in memory) and counted as they are read, so a run over its quota or the store over
 * its cap stops at that byte, not after filling the disk. Thread-safe: collections and expiry take
 * turns.
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
  private final ArtifactShelf shelf;
  private final Limits limits;
  private final Clock clock;

  /** The store of one computer: its folder is its shelf. */
  public ArtifactStore(Path dir, Limits limits, Clock clock) {
    this(dir, null, limits, clock);
  }

  /**
   * @param shelf where manifests and content are kept; {@code null} for {@code dir} itself
   */
  public ArtifactStore(Path dir, ArtifactShelf shelf, Limits limits, Clock clock) {
    this.blobs = dir.resolve("blobs").resolve("sha256");
    this.shelf = shelf == null ? new DiskShelf(blobs, dir.resolve("runs")) : shelf;
    this.limits = limits;
    this.clock = clock;
  }

  /** Whether the shelf is shared by replicas, so any of them reads what the leader collected. */
  public boolean shared() {
    return !(shelf instanceof DiskShelf);
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
    List<Manifest.Entry> entries =
        storeAll(WorkspaceFiles.select(workspace, globs), new ArrayList<>(), 0);
    Manifest manifest = new Manifest(runId, clock.instant(), entries, false);
    shelf.write(manifest);
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
    shelf.write(after);
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
   * failure the content it added is dropped again.
   */
  private List<Manifest.Entry> storeAll(
      List<WorkspaceFiles.Selected> files, List<Manifest.Entry> entries, long runBytes)
      throws IOException {
    Map<String, Long> added = new LinkedHashMap<>();
    long room = limits.total() - shelf.storedBytes();
    try {
      for (WorkspaceFiles.Selected file : files) {
        long addedBytes = added.values().stream().mapToLong(Long::longValue).sum();
        Manifest.Entry entry = store(file, limits.perRun() - runBytes, room - addedBytes, added);
        runBytes += entry.size();
        entries.add(entry);
      }
    } catch (IOException | RuntimeException e) {
      shelf.drop(added);
      for (String hex : added.keySet()) {
        Files.deleteIfExists(blobs.resolve(hex));
      }
      throw e;
    }
    return entries;
  }

  private Manifest.Entry store(
      WorkspaceFiles.Selected file, long runLeft, long storeLeft, Map<String, Long> added)
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
      if (!added.containsKey(hex) && !shelf.touch(hex)) {
        if (size > storeLeft) {
          throw new ArtifactException(
              "artifacts: the store is full: %s does not fit under ci.artifacts.max-total-size (%d bytes)"
                  .formatted(file.path(), limits.total()));
        }
        if (shelf.keep(hex, temp, size)) {
          added.put(hex, size);
        }
        place(temp, blob);
      }
      String media = MediaTypes.of(file.path(), blob);
      return new Manifest.Entry(
          file.path(), size, "sha256:" + hex, media, FileModes.of(file.file()));
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Moves checked content into the folder, unless it holds it already. */
  private static void place(Path temp, Path blob) throws IOException {
    try {
      Files.move(temp, blob, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // the same content is here already: one copy is enough
    }
  }

  /** Not under the store's lock: a long collection does not hold up the API's reads. */
  public Optional<Manifest> manifest(String runId) throws IOException {
    if (!RUN_ID.matcher(runId).matches()) {
      return Optional.empty();
    }
    return shelf.manifest(runId);
  }

  /**
   * The stored content of {@code digest} ({@code sha256:<hex>}); empty if unknown or malformed. A
   * shared shelf's content is copied into this replica's folder first and checked on the way.
   *
   * @throws ArtifactException the shelf's content does not match its digest
   */
  public Optional<Path> blob(String digest) throws IOException {
    var m = DIGEST.matcher(digest);
    if (!m.matches()) {
      return Optional.empty();
    }
    Path blob = blobs.resolve(m.group(1));
    if (Files.isRegularFile(blob)) {
      return Optional.of(blob);
    }
    return fetch(m.group(1), blob) ? Optional.of(blob) : Optional.empty();
  }

  private boolean fetch(String hex, Path blob) throws IOException {
    Files.createDirectories(blobs);
    Path temp = Files.createTempFile(blobs, AtomicFiles.TEMP_PREFIX, ".fetch");
    try {
      if (!shelf.fetch(hex, temp)) {
        return false;
      }
      String got = sha256Hex(temp);
      if (!got.equals(hex)) {
        throw new ArtifactException(
            "artifacts: the shared store's content of sha256:%s reads as sha256:%s; refused"
                .formatted(hex, got));
      }
      place(temp, blob);
      return true;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public Path file(Manifest.Entry entry) throws IOException {
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
      shelf.write(m.get().asPublished());
    }
  }

  /**
   * Drops the manifests older than the retention that were not published, then every blob no
   * manifest names any more, and this folder's copies of them.
   *
   * @return how many blobs were deleted
   */
  public synchronized int expire() throws IOException {
    ArtifactShelf.Expired expired = shelf.expire(clock.instant().minus(limits.retention()));
    if (Files.isDirectory(blobs)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
        for (Path b : files) {
          String name = b.getFileName().toString();
          if (!name.startsWith(AtomicFiles.TEMP_PREFIX) && !expired.kept().contains(name)) {
            Files.delete(b);
          }
        }
      }
    }
    return expired.deleted();
  }

  private static String sha256Hex(Path file) throws IOException {
    MessageDigest sha = sha256();
    byte[] buf = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
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
