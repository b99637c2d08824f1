package dev.ciorchestrator.supply.chain;

import dev.ciorchestrator.artifact.Artifacts;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.runtime.PublicUrl;
import dev.ciorchestrator.supply.oci.Registries;
import dev.ciorchestrator.supply.oci.RegistrySettings;
import dev.ciorchestrator.supply.sign.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The executors' {@link RunArtifacts}: the store, the signing key and the registries together. */
@ApplicationScoped
public class SupplyProducer {
  @Produces
  @Singleton
  Registries registries(RegistrySettings settings) {
    return new Registries(settings.registries(), System::getenv);
  }

  @Produces
  @Singleton
  RunArtifacts runArtifacts(
      Artifacts artifacts,
      RunStore runs,
      SigningKey key,
      PublicUrl publicUrl,
      Registries registries,
      Clock clock) {
    return new RunSupply(
        artifacts.store(), runs, key, () -> publicUrl.get() + "/builder", registries, clock);
  }
}
