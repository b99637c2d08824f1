package dev.ciorchestrator.persist;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ciorchestrator.reconcile.queue.QueueState;
import dev.ciorchestrator.reconcile.queue.QueueStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every branch's merge-queue state in one JSON file, replaced atomically on every change and kept
 * in memory, like the watermarks: a crash leaves the old or the new content, never half. A damaged
 * file is an error at startup; deleting it only makes the queues start over (see {@link
 * QueueState}).
 */
public final class FileQueueStore implements QueueStore {
  private final Path file;
  private final ObjectMapper json = QueueJson.mapper().enable(SerializationFeature.INDENT_OUTPUT);
  private QueueStates content = QueueStates.NONE; // guarded by this

  /** One repository's states by branch; a named type for Jackson. */
  static final class Branches extends TreeMap<String, QueueState> {
    private static final long serialVersionUID = 1L;
  }

  public FileQueueStore(Path file) throws IOException {
    this.file = file.toAbsolutePath();
    AtomicFiles.sweepOnce(this.file.getParent());
    if (Files.exists(this.file)) {
      try {
        Map<String, Map<String, QueueState>> read = new TreeMap<>();
        json.readValue(this.file.toFile(), new TypeReference<TreeMap<String, Branches>>() {})
            .forEach(read::put);
        content = new QueueStates(read);
      } catch (IOException | RuntimeException e) {
        throw new IOException(
            "unreadable merge queue file " + this.file + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public synchronized QueueState load(String repo, String branch) {
    return content.load(repo, branch);
  }

  @Override
  public synchronized Set<String> branches(String repo) {
    return content.branches(repo);
  }

  @Override
  public synchronized void save(String repo, String branch, QueueState state) throws IOException {
    if (state.equals(load(repo, branch))) {
      return; // most passes change nothing
    }
    QueueStates next = content.with(repo, branch, state);
    Files.createDirectories(file.getParent());
    AtomicFiles.replace(file, json.writeValueAsBytes(next.sorted()));
    content = next;
  }
}
