package dev.ciorchestrator.supply.sbom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code go version -m} prints, read from the binary itself (Go's {@code debug/buildinfo}
 * format since Go 1.18): a 32-byte header starting {@code "\xff Go buildinf:"} whose flags say the
 * Go version and the module info follow inline as varint-prefixed strings. The module info is
 * tab-separated lines: {@code path}, {@code mod} (the main module), {@code dep} and {@code =>} (a
 * replacement of the line before).
 *
 * @param goVersion e.g. {@code go1.19.8}
 * @param main the main module (version {@code (devel)} for a local build)
 * @param deps every dependency as built, replacements applied
 */
record GoBuildInfo(String goVersion, String path, GoModule main, List<GoModule> deps) {
  private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  private static final int FLAGS_INLINE = 2;

  /** One module: path, version, and its {@code h1:} hash from go.sum (empty for the main one). */
  record GoModule(String path, String version, String sum) {}

  /**
   * Parses a {@code .go.buildinfo} section.
   *
   * @return empty when the section is not in the inline format (binaries of Go before 1.18)
   */
  static Optional<GoBuildInfo> parse(ByteBuffer section) {
    if (section.limit() < 32) {
      return Optional.empty();
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (section.get(i) != MAGIC[i]) {
        return Optional.empty();
      }
    }
    if ((section.get(15) & FLAGS_INLINE) == 0) {
      return Optional.empty();
    }
    int[] at = {32};
    String version = new String(varBytes(section, at), StandardCharsets.UTF_8);
    byte[] modinfo = varBytes(section, at);
    // the module info is framed by 16-byte binary sentinels
    int from = modinfo.length >= 33 ? 16 : 0;
    int length = modinfo.length - 2 * from;
    return Optional.of(modules(version, new String(modinfo, from, length, StandardCharsets.UTF_8)));
  }

  private static GoBuildInfo modules(String version, String modinfo) {
    String path = "";
    GoModule main = null;
    List<GoModule> deps = new ArrayList<>();
    for (String line : modinfo.split("\n")) {
      String[] f = line.split("\t");
      switch (f[0]) {
        case "path" -> path = f.length > 1 ? f[1] : "";
        case "mod" -> main = module(f);
        case "dep" -> deps.add(module(f));
        case "=>" -> {
          if (!deps.isEmpty()) {
            deps.set(deps.size() - 1, module(f));
          }
        }
        default -> {
          // build settings (-compiler, vcs.revision, ...) are not components
        }
      }
    }
    if (main == null) {
      main = new GoModule(path, "(devel)", "");
    }
    return new GoBuildInfo(version, path, main, List.copyOf(deps));
  }

  private static GoModule module(String[] f) {
    return new GoModule(
        f.length > 1 ? f[1] : "", f.length > 2 ? f[2] : "", f.length > 3 ? f[3] : "");
  }

  private static byte[] varBytes(ByteBuffer b, int[] at) {
    long length = 0;
    for (int shift = 0; at[0] < b.limit(); shift += 7) {
      int next = b.get(at[0]++) & 0xff;
      length |= (long) (next & 0x7f) << shift;
      if (next < 0x80 || shift > 28) {
        break;
      }
    }
    int n = (int) Math.min(length, b.limit() - at[0]);
    byte[] bytes = new byte[Math.max(0, n)];
    b.get(at[0], bytes);
    at[0] += bytes.length;
    return bytes;
  }
}
