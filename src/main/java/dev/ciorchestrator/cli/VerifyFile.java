package dev.ciorchestrator.cli;

import dev.ciorchestrator.supply.Digests;
import dev.ciorchestrator.supply.chain.SupplyChain;
import dev.ciorchestrator.supply.sign.Dsse;
import dev.ciorchestrator.supply.sign.Minisign;
import dev.ciorchestrator.supply.verify.SbomLink;
import dev.ciorchestrator.supply.verify.Statement;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/**
 * Verifies a downloaded file, offline. Its provenance, SBOM and signature are the given files or,
 * by default, those downloaded beside it: {@code provenance.intoto.json}, {@code sbom.cdx.json},
 * {@code <file>.minisig}.
 */
final class VerifyFile {
  private VerifyFile() {}

  static int run(Path file, PublicKey key, VerifyOptions options, PrintStream out)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path provenance = options.provenance().orElse(dir.resolve(SupplyChain.PROVENANCE_FILE));
    if (!Files.isRegularFile(provenance)) {
      throw new VerifyCommand.Unreadable(
          "no provenance: " + provenance + " does not exist (--provenance <file>)");
    }
    String source = provenance.toString();
    Dsse.Opened opened =
        Dsse.open(VerifyCommand.readBytes(provenance, "--provenance"), key, source);
    Statement statement = Statement.read(opened.payload(), source);
    String sha256 = Digests.sha256(file);
    statement.requireSubject(file.getFileName().toString(), sha256, source);
    out.println("ok: " + file + " sha256:" + sha256);
    out.println("  signature  provenance signed by the given key");
    Optional<Path> signature =
        options.signature().or(() -> existing(dir.resolve(file.getFileName() + ".minisig")));
    if (signature.isPresent()) {
      Minisign.verify(
          key,
          file,
          VerifyCommand.read(signature.get(), "--signature"),
          signature.get().toString());
      out.println("  minisign   " + signature.get().getFileName() + " verifies");
    }
    Optional<Path> sbom = options.sbom().or(() -> existing(dir.resolve(SupplyChain.SBOM_FILE)));
    if (sbom.isPresent()) {
      SbomLink.check(
          statement, VerifyCommand.readBytes(sbom.get(), "--sbom"), sbom.get().toString(), sha256);
      out.println(
          "  sbom       " + sbom.get().getFileName() + " is the run's SBOM and lists this file");
    } else if (!statement.sbomSha256().isEmpty()) {
      out.println(
          "  sbom       sha256:" + statement.sbomSha256() + " (not checked: no --sbom file)");
    }
    out.print(statement.describe());
    return Cli.OK;
  }

  private static Optional<Path> existing(Path path) {
    return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
  }
}
