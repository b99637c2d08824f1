package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tokens of users who have none in the settings: {@code <dir>/<login>}, one file per user,
 * readable by the service's account only (0600), created once and read on every later start, so a
 * user keeps their token across restarts. Like ssh with a private key, a token file others may read
 * is refused rather than used.
 */
final class TokenFiles {
  /** What {@link #load} found: every login's token, and the logins whose file it created. */
  record Loaded(Map<String, String> tokens, List<String> created) {}

  private static final int MAX_BYTES = 1024;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private TokenFiles() {}

  /**
   * Reads the token of each of {@code logins} from {@code dir}, first creating a file with a new
   * random token for each login that has none.
   *
   * @throws IOException naming the file when one cannot be created or read, is empty, or is open to
   *     others
   */
  static Loaded load(Path dir, Collection<String> logins) throws IOException {
    if (logins.isEmpty()) {
      return new Loaded(Map.of(), List.of());
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Map<String, String> tokens = new LinkedHashMap<>();
    List<String> created = new ArrayList<>();
    for (String login : logins) {
      Path file = dir.resolve(login);
      // The temporary file AtomicFiles writes first is created 0600, and the link shares it.
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)
          && AtomicFiles.createIfAbsent(
              file, (newToken() + "\n").getBytes(StandardCharsets.UTF_8))) {
        created.add(login);
      }
      tokens.put(login, read(file));
    }
    return new Loaded(Map.copyOf(tokens), List.copyOf(created));
  }

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "cio_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(file.toAbsolutePath() + " must be a plain file holding a token");
    }
    PosixFileAttributeView posix =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (posix != null) {
      Set<PosixFilePermission> mode = posix.readAttributes().permissions();
      if (mode.stream().anyMatch(OTHERS::contains)) {
        throw new IOException(
            file.toAbsolutePath()
                + " may be read or changed by others ("
                + PosixFilePermissions.toString(mode)
                + "): chmod 600 it, or delete it to have a new token generated");
      }
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    String token = new String(bytes, StandardCharsets.UTF_8).strip();
    if (bytes.length > MAX_BYTES
        || token.isEmpty()
        || token.chars().anyMatch(Character::isWhitespace)) {
      throw new IOException(
          file.toAbsolutePath()
              + " must hold one token (one line, at most "
              + MAX_BYTES
              + " bytes): delete it to have a new one generated");
    }
    return token;
  }
}
