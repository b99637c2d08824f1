package dev.ciorchestrator.run.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ciorchestrator.persist.AtomicFiles;
import dev.ciorchestrator.run.Watermarks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link Watermarks} in one JSON file, replaced atomically on every change and kept in memory, so
 * reading them costs nothing and a crash leaves the old or the new content, never half.
 */
public final class FileWatermarks implements Watermarks {
  /** The file's whole content; maps are sorted so it diffs well. */
  record Content(
      Map<String, Map<String, String>> branches, Map<String, Map<String, Instant>> schedules) {
    Content {
      branches = new TreeMap<>(branches == null ? Map.of() : branches);
      schedules = new TreeMap<>(schedules == null ? Map.of() : schedules);
    }
  }

  private final Path file;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);
  private Content content; // guarded by this

  /** Loads {@code file}; a missing file means nothing was seen yet, a damaged one is an error. */
  public FileWatermarks(Path file) throws IOException {
    this.file = file.toAbsolutePath();
    AtomicFiles.sweepOnce(this.file.getParent());
    if (Files.exists(this.file)) {
      try {
        content = json.readValue(this.file.toFile(), Content.class);
      } catch (IOException e) {
        throw new IOException("unreadable watermarks file " + this.file + ": " + e.getMessage(), e);
      }
    } else {
      content = new Content(Map.of(), Map.of());
    }
  }

  /** Every repository with saved watermarks. */
  public synchronized Set<String> repos() {
    Set<String> all = new TreeSet<>(content.branches().keySet());
    all.addAll(content.schedules().keySet());
    return all;
  }

  @Override
  public synchronized Optional<Map<String, String>> branches(String repo) {
    return Optional.ofNullable(content.branches().get(repo)).map(Map::copyOf);
  }

  @Override
  public synchronized Map<String, Instant> schedules(String repo) {
    return Map.copyOf(content.schedules().getOrDefault(repo, Map.of()));
  }

  @Override
  public synchronized void save(
      String repo, Map<String, String> branches, Map<String, Instant> schedules)
      throws IOException {
    // compared before copying: most passes change nothing, and a repository may have 10,000
    // branches
    if (branches.equals(content.branches().get(repo))
        && schedules.equals(content.schedules().getOrDefault(repo, Map.of()))) {
      return;
    }
    Map<String, String> b = new TreeMap<>(branches);
    Map<String, Instant> s = new TreeMap<>(schedules);
    Content next = new Content(content.branches(), content.schedules());
    next.branches().put(repo, b);
    next.schedules().put(repo, s);
    Files.createDirectories(file.getParent());
    AtomicFiles.replace(file, json.writeValueAsBytes(next));
    content = next;
  }
}
