package dev.ciorchestrator.supply.oci;

import java.net.URI;
import java.util.Optional;

/** A registry setting as a test writes it. */
record RegistryConfig(
    URI url, Optional<String> username, Optional<String> passwordEnv, boolean insecure)
    implements RegistrySettings.Registry {
  static RegistryConfig of(String url, boolean insecure, String user, String passwordEnv) {
    return new RegistryConfig(
        URI.create(url), Optional.ofNullable(user), Optional.ofNullable(passwordEnv), insecure);
  }
}
