package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.ConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * A plain folder as a config source, for {@code validate}/{@code test} and for running from a
 * working tree. Its revision is a hash of every file's path and content, so it changes exactly when
 * the files do. Nothing outside the folder is read: see {@link FolderReader}.
 */
public final class DirectoryConfigSource implements ConfigSource {
  private final Path root;

  public DirectoryConfigSource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String resolve() throws IOException {
    MessageDigest all = ConfigPaths.sha256();
    for (ConfigFile file : read(null)) {
      all.update(file.path().getBytes(StandardCharsets.UTF_8));
      all.update((byte) 0);
      all.update(file.blobId().getBytes(StandardCharsets.UTF_8));
      all.update((byte) 0);
    }
    return "dir-" + HexFormat.of().formatHex(all.digest()).substring(0, 40);
  }

  /** The folder has only its current state, so {@code revision} is not consulted. */
  @Override
  public List<ConfigFile> read(String revision) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("not a folder: " + root);
    }
    return FolderReader.read(root);
  }

  @Override
  public String describe() {
    return root.toString();
  }
}
