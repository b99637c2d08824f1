package dev.ciorchestrator.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code verify <file | oci-ref> [--key pub.pem] [--provenance f] [--sbom f] [--signature f]
 * [--insecure]}.
 */
record VerifyOptions(
    String target,
    Optional<Path> key,
    Optional<Path> provenance,
    Optional<Path> sbom,
    Optional<Path> signature,
    boolean insecure) {
  static VerifyOptions parse(List<String> args) throws RunOptions.UsageException {
    String target = null;
    Path key = null;
    Path provenance = null;
    Path sbom = null;
    Path signature = null;
    boolean insecure = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--key" -> key = Path.of(value(args, ++i, arg));
        case "--provenance" -> provenance = Path.of(value(args, ++i, arg));
        case "--sbom" -> sbom = Path.of(value(args, ++i, arg));
        case "--signature" -> signature = Path.of(value(args, ++i, arg));
        case "--insecure" -> insecure = true;
        default -> {
          if (arg.startsWith("-")) {
            throw new RunOptions.UsageException("verify: unknown option " + arg);
          }
          if (target != null) {
            throw new RunOptions.UsageException(
                "verify takes one file or OCI reference, got '" + target + "' and '" + arg + "'");
          }
          target = arg;
        }
      }
    }
    if (target == null) {
      throw new RunOptions.UsageException("verify needs a file or an OCI reference");
    }
    return new VerifyOptions(
        target,
        Optional.ofNullable(key),
        Optional.ofNullable(provenance),
        Optional.ofNullable(sbom),
        Optional.ofNullable(signature),
        insecure);
  }

  private static String value(List<String> args, int i, String option)
      throws RunOptions.UsageException {
    if (i >= args.size()) {
      throw new RunOptions.UsageException("verify: " + option + " needs a value");
    }
    return args.get(i);
  }
}
