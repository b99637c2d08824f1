package dev.ciorchestrator.forge.local;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PackParser;

/**
 * An inserter that computes object ids but stores nothing, reading through to the repository. A
 * trial merge must be able to "write" merged blobs and trees to finish, yet the forge only reads
 * the source repository: a view that left loose objects behind would grow it on every reconcile.
 */
final class DiscardingInserter extends ObjectInserter {
  private final Repository repository;

  DiscardingInserter(Repository repository) {
    this.repository = repository;
  }

  @Override
  public ObjectId insert(int type, byte[] data, int off, int len) {
    return idFor(type, data, off, len);
  }

  @Override
  public ObjectId insert(int type, long length, InputStream in) throws IOException {
    return idFor(type, length, in);
  }

  @Override
  public PackParser newPackParser(InputStream in) {
    throw new UnsupportedOperationException("a read-only view cannot receive a pack");
  }

  @Override
  public ObjectReader newReader() {
    return repository.newObjectReader();
  }

  @Override
  public void flush() {
    // nothing was kept, so nothing to flush
  }

  @Override
  public void close() {
    // nothing held
  }
}
