package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.ConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A plain folder as a config source, for {@code validate}/{@code test} and for running from a
 * working tree. Its revision is a hash of every file's path and content, so it changes exactly when
 * the files do.
 */
public final class DirectoryConfigSource implements ConfigSource {
  private final Path root;

  public DirectoryConfigSource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String resolve() throws IOException {
    MessageDigest all = sha256();
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
    List<ConfigFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p :
          walk.filter(Files::isRegularFile).filter(ConfigPaths::isYaml).sorted().toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (ConfigPaths.hidden(rel)) {
          continue;
        }
        byte[] content = ConfigPaths.readBounded(p);
        files.add(new ConfigFile(rel, HexFormat.of().formatHex(sha256().digest(content)), content));
      }
    }
    return files;
  }

  @Override
  public String describe() {
    return root.toString();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
