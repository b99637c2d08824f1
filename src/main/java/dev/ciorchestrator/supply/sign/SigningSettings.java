package dev.ciorchestrator.supply.sign;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Where the controller's signing key lives ({@code ci.signing.*}). */
@ConfigMapping(prefix = "ci.signing")
public interface SigningSettings {
  /**
   * A PEM PKCS#8 Ed25519 private key ({@code openssl genpkey -algorithm ed25519}), e.g. a
   * Kubernetes Secret mounted into the controller's pod; unset, a key is generated into {@link
   * #dir()} on first start.
   */
  Optional<Path> keyFile();

  /** Where the generated key is kept (mode 0700, the key 0600). */
  @WithDefault(".ci-orchestrator/signing")
  Path dir();
}
