package dev.ciorchestrator.run.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.persist.AtomicFiles;
import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.RunJson;
import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DeliveryStore} in one JSON file, replaced atomically on every change and kept in memory: a
 * crash leaves the queue as it was before or after a change, never half. The list is in the order
 * deliveries were first queued, so the oldest is the first.
 */
public final class FileDeliveryStore implements DeliveryStore {
  /** The file's whole content. */
  record Content(List<Stored> deliveries) {
    Content {
      deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
    }
  }

  private final Path file;
  private final WriteFence fence;
  private final ObjectMapper json = RunJson.mapper();
  private List<Stored> queued; // guarded by this

  /** Loads {@code file}; a missing file is an empty queue, a damaged one an error naming it. */
  public FileDeliveryStore(Path file, WriteFence fence) throws IOException {
    this.file = file.toAbsolutePath();
    this.fence = fence;
    AtomicFiles.sweepOnce(this.file.getParent());
    if (Files.exists(this.file)) {
      try {
        queued = json.readValue(this.file.toFile(), Content.class).deliveries();
      } catch (IOException | RuntimeException e) {
        throw new IOException(
            "unreadable callback queue file " + this.file + ": " + e.getMessage(), e);
      }
    } else {
      queued = List.of();
    }
  }

  @Override
  public synchronized List<Stored> add(Stored delivery, int capacity) throws IOException {
    fence.check("queueing callback " + delivery.id());
    if (queued.stream().anyMatch(d -> d.id().equals(delivery.id()))) {
      return List.of();
    }
    List<Stored> next = new ArrayList<>(queued);
    next.add(delivery);
    int over = Math.max(0, next.size() - capacity);
    List<Stored> dropped = List.copyOf(next.subList(0, over));
    save(next.subList(over, next.size()));
    return dropped;
  }

  @Override
  public synchronized boolean retry(String id, int attempt, Instant due) throws IOException {
    fence.check("rescheduling callback " + id);
    List<Stored> next = new ArrayList<>();
    boolean found = false;
    for (Stored d : queued) {
      if (d.id().equals(id)) {
        found = true;
        d =
            new Stored(
                d.id(),
                d.event(),
                d.url(),
                d.secretSetting(),
                d.payload(),
                d.context(),
                attempt,
                due);
      }
      next.add(d);
    }
    if (found) {
      save(next);
    }
    return found;
  }

  @Override
  public synchronized void remove(String id) throws IOException {
    fence.check("removing callback " + id);
    List<Stored> next = queued.stream().filter(d -> !d.id().equals(id)).toList();
    if (next.size() != queued.size()) {
      save(next);
    }
  }

  @Override
  public synchronized List<Stored> all() {
    return queued;
  }

  private void save(List<Stored> next) throws IOException {
    Files.createDirectories(file.getParent());
    AtomicFiles.replace(file, json.writeValueAsBytes(new Content(next)));
    queued = List.copyOf(next);
  }
}
