package dev.ciorchestrator.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the bytes of a {@link Manifest.Entry} are: the store's blob for a collected run, or the
 * file itself for a set made outside the store (the CLI, tests, benchmarks).
 */
@FunctionalInterface
public interface Blobs {
  /**
   * @throws IOException when the entry's content is not there
   */
  Path file(Manifest.Entry entry) throws IOException;

  /** The files of a set made outside the store, by the entries' paths. */
  static Blobs of(Map<String, Path> byPath) {
    Map<String, Path> copy = Map.copyOf(byPath);
    return entry -> {
      Path file = copy.get(entry.path());
      if (file == null) {
        throw new ArtifactException("artifacts: no file for " + entry.path());
      }
      return file;
    };
  }
}
