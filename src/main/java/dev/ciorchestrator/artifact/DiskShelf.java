package dev.ciorchestrator.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The store's own folder as its shelf: {@code runs/<runId>.json} per manifest, and the blobs under
 * {@code blobs/sha256/} are the only copy. The store calls it under its lock, but for {@link
 * #manifest}, which reads a file only ever replaced by rename.
 */
final class DiskShelf implements ArtifactShelf {
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path blobs;
  private final Path runs;
  private long stored = -1; // bytes under blobs/, counted on first use

  DiskShelf(Path blobs, Path runs) {
    this.blobs = blobs;
    this.runs = runs;
  }

  @Override
  public Optional<Manifest> manifest(String runId) throws IOException {
    if (!RUN_ID.matcher(runId).matches()) {
      return Optional.empty();
    }
    try {
      // written by rename, so a read sees one whole version, or none once expiry deleted it
      return Optional.of(
          JSON.readValue(Files.readAllBytes(runs.resolve(runId + ".json")), Manifest.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void write(Manifest manifest) throws IOException {
    Files.createDirectories(runs);
    AtomicFiles.replace(runs.resolve(manifest.runId() + ".json"), JSON.writeValueAsBytes(manifest));
  }

  @Override
  public long storedBytes() throws IOException {
    if (stored < 0) {
      long sum = 0;
      if (Files.isDirectory(blobs)) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
          for (Path b : files) {
            sum += Files.size(b);
          }
        }
      }
      stored = sum;
    }
    return stored;
  }

  @Override
  public boolean touch(String hex) {
    return Files.exists(blobs.resolve(hex));
  }

  /** The store moves {@code file} into place itself: only counted here. */
  @Override
  public boolean keep(String hex, Path file, long size) throws IOException {
    storedBytes();
    stored += size;
    return true;
  }

  @Override
  public void drop(Map<String, Long> added) throws IOException {
    for (Map.Entry<String, Long> blob : added.entrySet()) {
      if (Files.deleteIfExists(blobs.resolve(blob.getKey())) && stored >= 0) {
        stored -= blob.getValue();
      }
    }
  }

  @Override
  public boolean fetch(String hex, Path target) {
    return false;
  }

  @Override
  public Expired expire(Instant cutoff) throws IOException {
    if (!Files.isDirectory(runs)) {
      return new Expired(Set.of(), 0);
    }
    Set<String> kept = new HashSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(runs, "*.json")) {
      for (Path f : files) {
        Manifest m = JSON.readValue(f.toFile(), Manifest.class);
        if (!m.published() && m.collectedAt().isBefore(cutoff)) {
          Files.delete(f);
        } else {
          m.files().forEach(e -> kept.add(e.sha256()));
        }
      }
    }
    int deleted = 0;
    if (Files.isDirectory(blobs)) {
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
    }
    return new Expired(kept, deleted);
  }
}
