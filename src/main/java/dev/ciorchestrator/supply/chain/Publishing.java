package dev.ciorchestrator.supply.chain;

import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.supply.PublishPolicy;
import dev.ciorchestrator.supply.RunFacts;
import dev.ciorchestrator.supply.oci.OciPublisher;
import dev.ciorchestrator.supply.oci.Registries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * {@code artifacts.publish}: pushes a collected run's files, SBOM and provenance to the registry
 * the job names, when {@link PublishPolicy} lets this run publish, and keeps the set past
 * retention.
 */
final class Publishing {
  private static final Logger LOG = Logger.getLogger(Publishing.class);

  private final Registries registries;
  private final ArtifactStore store;

  Publishing(Registries registries, ArtifactStore store) {
    this.registries = registries;
    this.store = store;
  }

  /**
   * @throws IOException (or a {@link dev.ciorchestrator.supply.oci.RegistryException}) with what
   *     went wrong: the run fails with it
   */
  void publish(
      Pipeline.Publish publish,
      boolean trustedAuthor,
      RunFacts run,
      List<Manifest.Entry> files,
      SupplyChain.Produced produced)
      throws IOException {
    Decision decision = PublishPolicy.decide(run.trigger(), trustedAuthor, kinds(publish.on()));
    if (!decision.pass()) {
      LOG.infof("run %s: %s", run.runId(), decision.reason());
      return;
    }
    OciPublisher.Published pushed =
        new OciPublisher(registries.client(publish.registry()))
            .publish(
                publish.repository(),
                run,
                files,
                store,
                produced.sbomBytes().orElse(null),
                produced.provenanceBytes().orElse(null),
                tags(run));
    store.markPublished(run.runId());
    LOG.infof(
        "run %s: published %s/%s@%s as %s",
        run.runId(),
        registries.host(publish.registry()),
        pushed.repository(),
        pushed.digest(),
        pushed.tags());
  }

  /** The short head SHA, and for a push the branch too (as a valid tag). */
  static List<String> tags(RunFacts run) {
    List<String> tags = new ArrayList<>(List.of(run.shortSha()));
    if (run.trigger().equals("push") && !run.ref().isEmpty()) {
      String branch = run.ref().replaceFirst("^refs/heads/", "").replaceAll("[^A-Za-z0-9_.-]", "-");
      if (!branch.isEmpty() && branch.matches("[A-Za-z0-9_].{0,127}")) {
        tags.add(branch);
      }
    }
    return List.copyOf(tags);
  }

  /** The config's {@code publish.on} as {@link PublishPolicy#KINDS}. */
  private static Set<String> kinds(Set<Pipeline.Publish.On> on) {
    return on.stream()
        .map(o -> o == Pipeline.Publish.On.PULL_REQUEST ? "change" : o.wire())
        .collect(Collectors.toUnmodifiableSet());
  }
}
