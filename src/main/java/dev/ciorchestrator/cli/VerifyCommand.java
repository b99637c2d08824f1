package dev.ciorchestrator.cli;

import dev.ciorchestrator.supply.sign.BadKeyException;
import dev.ciorchestrator.supply.sign.Pem;
import dev.ciorchestrator.supply.sign.SigningKeys;
import dev.ciorchestrator.supply.sign.VerificationException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * {@code verify <file | oci-ref>}: checks an artifact against its signed provenance and prints who
 * built it from which commit and config. Offline for a file; an OCI reference is read from its
 * registry. Exit 0 verified, 1 a check failed, 2 wrong usage or unreadable input.
 */
final class VerifyCommand {
  private VerifyCommand() {}

  static int run(List<String> operands, PrintStream out, PrintStream err) {
    VerifyOptions options;
    try {
      options = VerifyOptions.parse(operands);
    } catch (RunOptions.UsageException e) {
      err.println("ci-orchestrator: " + e.getMessage());
      err.print(Cli.USAGE_TEXT);
      return Cli.USAGE;
    }
    try {
      PublicKey key = key(options.key());
      Path file = Path.of(options.target());
      if (Files.isRegularFile(file)) {
        return VerifyFile.run(file, key, options, out);
      }
      return VerifyOci.run(OciReference.parse(options.target()), key, options, out);
    } catch (Unreadable | BadKeyException e) {
      err.println("ci-orchestrator verify: " + e.getMessage());
      return Cli.USAGE;
    } catch (VerificationException e) {
      err.println("FAILED: " + e.getMessage());
      return Cli.FAILED;
    } catch (IOException e) {
      err.println("ci-orchestrator verify: " + e.getMessage());
      return Cli.USAGE;
    }
  }

  /** Input that cannot be read: exit 2, not a failed verification. */
  static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  /** The public key: {@code --key}, or this computer's controller key when run beside it. */
  private static PublicKey key(Optional<Path> given) throws IOException {
    if (given.isPresent()) {
      return Pem.readPublic(read(given.get(), "--key"), given.get().toString());
    }
    Path local = Path.of(".ci-orchestrator/signing").resolve(SigningKeys.GENERATED);
    if (Files.isReadable(local)) {
      return SigningKeys.load(Optional.of(local), local.getParent()).publicKey();
    }
    throw new Unreadable("no key: pass --key pub.pem (GET /api/v1/signing/public-key)");
  }

  static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Unreadable(what + ": cannot read " + file + " (" + e.getMessage() + ")");
    }
  }

  static byte[] readBytes(Path file, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new Unreadable(what + ": cannot read " + file + " (" + e.getMessage() + ")");
    }
  }
}
