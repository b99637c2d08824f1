package dev.ciorchestrator.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;

/**
 * Where the bytes of an upstream run's files are read from when they are handed to a job ({@link
 * Inbox}): the local store, or the service over HTTP for {@code run --artifacts-from} and a
 * Kubernetes pod's {@code pod fetch}. What it returns is not trusted: {@link Inbox} checks size and
 * digest against the manifest while it writes.
 */
@FunctionalInterface
public interface BlobSource {
  /**
   * The content of {@code entry}; the caller closes it.
   *
   * @throws IOException when the content is not there or cannot be reached, saying why
   */
  InputStream open(Manifest.Entry entry) throws IOException;

  /** The files of {@code blobs} on this machine (the store, or a set made outside it). */
  static BlobSource of(Blobs blobs) {
    return entry -> Files.newInputStream(blobs.file(entry), LinkOption.NOFOLLOW_LINKS);
  }
}
