package dev.ciorchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.artifact.ArtifactException;
import dev.ciorchestrator.artifact.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The service's manifest of a run as its API shows it ({@code files: [{path, size, digest,
 * mediaType, mode}]}, {@code web.RunArtifactsResource.FileView}) read back into entries. Every
 * field is checked, since it comes over the network; paths are checked where the files land ({@code
 * artifact.Inbox}).
 */
final class ManifestJson {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern MODE = Pattern.compile("0?[0-7]{1,3}");

  private ManifestJson() {}

  /**
   * @param shown how the manifest is named in an error (whose run, from where)
   */
  static List<Manifest.Entry> entries(JsonNode files, String shown) throws ArtifactException {
    if (files == null || !files.isArray()) {
      throw malformed(shown, "files", "is not a list");
    }
    List<Manifest.Entry> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      JsonNode f = files.get(i);
      String at = "files[" + i + "].";
      String path = text(f, "path", shown, at);
      String digest = text(f, "digest", shown, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw malformed(shown, at + "digest", "is not sha256:<64 hex>: " + digest);
      }
      JsonNode size = f.get("size");
      if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
        throw malformed(shown, at + "size", "is not a number of bytes");
      }
      String mode = text(f, "mode", shown, at);
      if (!MODE.matcher(mode).matches()) {
        throw malformed(shown, at + "mode", "is not an octal mode like 0755: " + mode);
      }
      out.add(
          new Manifest.Entry(
              path,
              size.asLong(),
              digest,
              text(f, "mediaType", shown, at),
              Integer.parseInt(mode, 8)));
    }
    return List.copyOf(out);
  }

  private static String text(JsonNode f, String field, String shown, String at)
      throws ArtifactException {
    JsonNode value = f == null ? null : f.get(field);
    if (value == null || !value.isTextual()) {
      throw malformed(shown, at + field, "is missing or not text");
    }
    return value.asText();
  }

  private static ArtifactException malformed(String shown, String field, String problem) {
    return new ArtifactException("artifacts: " + shown + ": " + field + " " + problem);
  }
}
