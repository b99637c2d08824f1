package dev.ciorchestrator.supply.chain;

import dev.ciorchestrator.artifact.Artifacts;
import dev.ciorchestrator.artifact.Upstreams;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeConnections;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.runtime.PublicUrl;
import dev.ciorchestrator.supply.oci.Registries;
import dev.ciorchestrator.supply.oci.RegistrySettings;
import dev.ciorchestrator.supply.sign.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
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
      Clock clock,
      ConfigSyncService config,
      Instance<Forge> forges,
      Instance<ForgeConnections> connections) {
    return new RunSupply(
            artifacts.store(), runs, key, () -> publicUrl.get() + "/builder", registries, clock)
        .withSources(new SourceUris(config, forges, connections))
        .withCollectors(Upstreams.collectsIn(config::current));
  }
}
