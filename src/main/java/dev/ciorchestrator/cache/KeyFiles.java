package dev.ciorchestrator.cache;

import dev.ciorchestrator.reports.WorkspaceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash of a cache's {@code key} files in a workspace: each matching regular file's path and
 * content, in path order. Links are not followed (the checkout is the change's, so a link could
 * name any file of the machine), and at most {@link #MAX_FILES} files are hashed.
 */
public final class KeyFiles {
  static final int MAX_FILES = 1000;

  private KeyFiles() {}

  /** The key files' hash; "" when the cache names none. */
  public static String hash(Path workspace, List<String> globs) throws IOException {
    if (globs.isEmpty()) {
      return "";
    }
    List<String> problems = new ArrayList<>();
    List<Path> files =
        WorkspaceFiles.matching(workspace, problems).match(globs, MAX_FILES, problems);
    MessageDigest sha = sha256();
    byte[] buffer = new byte[64 * 1024];
    for (Path file : files) {
      sha.update(workspace.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      try (InputStream in =
          new DigestInputStream(
              Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS),
              sha)) {
        while (in.read(buffer) >= 0) {
          // the digest reads along
        }
      }
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
