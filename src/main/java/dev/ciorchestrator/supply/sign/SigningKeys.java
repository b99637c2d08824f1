package dev.ciorchestrator.supply.sign;

import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Where the controller's key comes from: a configured file (a Kubernetes Secret mounted into the
 * controller's pod, never into a job's), or else one generated on first start into the state
 * folder, readable by the service's user alone.
 */
public final class SigningKeys {
  /** The generated key's name inside the signing folder. */
  public static final String GENERATED = "ed25519.key";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private SigningKeys() {}

  /**
   * The configured key, or the generated one (created now if absent).
   *
   * @throws BadKeyException when the configured file is missing or no Ed25519 private key, or the
   *     generated one is readable by others
   */
  public static SigningKey load(Optional<Path> keyFile, Path folder) throws IOException {
    if (keyFile.isPresent()) {
      return read(keyFile.get());
    }
    Path generated = folder.resolve(GENERATED);
    if (!Files.exists(generated)) {
      Files.createDirectories(folder);
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      SigningKey fresh = SigningKey.generate();
      // a temp file is created 0600 and linked into place: never readable by others, not even
      // briefly;
      // two replicas starting at once keep whichever key won
      AtomicFiles.createIfAbsent(
          generated, Pem.privateKey(fresh.privateKey()).getBytes(StandardCharsets.US_ASCII));
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(generated);
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw new BadKeyException(
          generated
              + ": the signing key is readable by others ("
              + PosixFilePermissions.toString(permissions)
              + "); chmod 600 it");
    }
    return read(generated);
  }

  private static SigningKey read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new BadKeyException(file + ": no such key file (ci.signing.key-file)");
    }
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    SigningKey key = SigningKey.fromPrivate(Pem.readPrivate(pem, file.toString()));
    byte[] probe = "ci-orchestrator key check".getBytes(StandardCharsets.US_ASCII);
    if (!Verifier.verify(key.publicKey(), probe, key.sign(probe))) {
      throw new BadKeyException(
          file + ": the derived public key does not verify this key's signature");
    }
    return key;
  }
}
