package dev.ciorchestrator.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** A file's media type: by its first bytes for executables, else by its extension. */
final class MediaTypes {
  static final String OCTETS = "application/octet-stream";
  static final String EXECUTABLE = "application/x-executable";
  private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("json", "application/json"),
          Map.entry("txt", "text/plain"),
          Map.entry("md", "text/markdown"),
          Map.entry("xml", "application/xml"),
          Map.entry("html", "text/html"),
          Map.entry("gz", "application/gzip"),
          Map.entry("tgz", "application/gzip"),
          Map.entry("tar", "application/x-tar"),
          Map.entry("zip", "application/zip"),
          Map.entry("jar", "application/java-archive"),
          Map.entry("deb", "application/vnd.debian.binary-package"),
          Map.entry("sarif", "application/sarif+json"),
          Map.entry("so", "application/x-sharedlib"));

  private MediaTypes() {}

  static String of(String path, Path file) throws IOException {
    byte[] head = new byte[ELF.length];
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      if (in.readNBytes(head, 0, head.length) == head.length && Arrays.equals(head, ELF)) {
        return EXECUTABLE;
      }
    }
    int dot = path.lastIndexOf('.');
    int slash = path.lastIndexOf('/');
    if (dot <= slash + 1) {
      return OCTETS;
    }
    return BY_EXTENSION.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), OCTETS);
  }
}
