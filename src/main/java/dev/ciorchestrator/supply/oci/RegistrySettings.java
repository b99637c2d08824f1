package dev.ciorchestrator.supply.oci;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * OCI registries artifacts are published to ({@code ci.registries.<id>.*}); a job's {@code
 * publish.registry} names one. The password is read from an environment variable, so it is never in
 * Git or in a properties file.
 */
@ConfigMapping(prefix = "ci.registries")
public interface RegistrySettings {
  @WithParentName
  Map<String, Registry> registries();

  interface Registry {
    /**
     * The registry's base URL: {@code https://registry.example.com}, or {@code
     * http://127.0.0.1:5000}.
     */
    URI url();

    /**
     * The user name for basic auth or the token service; unset, the registry is used anonymously.
     */
    Optional<String> username();

    /** The environment variable that holds the password or token. */
    Optional<String> passwordEnv();

    /**
     * Allow a plain {@code http://} URL and, for {@code https://}, a certificate no trusted
     * authority signed. Only for a registry on this machine or a lab network.
     */
    @WithDefault("false")
    boolean insecure();
  }
}
