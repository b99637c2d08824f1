package dev.ciorchestrator.supply.chain;

import dev.ciorchestrator.artifact.ArtifactException;
import dev.ciorchestrator.artifact.ArtifactStore;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.artifact.Upstreams;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.supply.RunFacts;
import dev.ciorchestrator.supply.oci.Registries;
import dev.ciorchestrator.supply.sign.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.jgit.util.FileUtils;
import org.jboss.logging.Logger;

/**
 * The executors' {@link RunArtifacts}: collects a successful run's files into the store, then, as
 * its {@code artifacts:} block says, makes the SBOM, the signed provenance and a signature per file
 * (stored as files of the run under {@code .supply/}, so the API serves them) and publishes the
 * set. All of it happens before the run's end is recorded: a step that fails fails the run, with
 * why.
 */
public final class RunSupply implements RunArtifacts {
  private static final Logger LOG = Logger.getLogger(RunSupply.class);

  /** Where the run's supply-chain files are in its manifest. */
  public static final String PREFIX = ".supply/";

  private final ArtifactStore store;
  private final RunStore runs;
  private final SigningKey key;
  private final Supplier<String> builderId;
  private final Publishing publishing;
  private final Clock clock;
  private volatile Function<String, Optional<String>> sources = repo -> Optional.empty();
  private volatile Predicate<String> collects = job -> true;

  /**
   * @param builderId this deployment's builder id, asked at each run (its address may be known only
   *     once the service listens)
   */
  public RunSupply(
      ArtifactStore store,
      RunStore runs,
      SigningKey key,
      Supplier<String> builderId,
      Registries registries,
      Clock clock) {
    this.store = store;
    this.runs = runs;
    this.key = key;
    this.builderId = builderId;
    this.publishing = new Publishing(registries, store);
    this.clock = clock;
  }

  /**
   * @param sources a repository's clone URL, for the provenance's source dependency
   */
  public RunSupply withSources(Function<String, Optional<String>> sources) {
    this.sources = sources;
    return this;
  }

  /**
   * @param collects whether a job declares {@code artifacts} in the running config ({@link
   *     Upstreams}); until set, every job is taken to
   */
  public RunSupply withCollectors(Predicate<String> collects) {
    this.collects = collects;
    return this;
  }

  @Override
  public List<Received> receive(RunRecord running, RunSpec spec, Path workspace)
      throws IOException {
    return new Upstreams(store, runs, collects)
        .receive(running, spec.job().pipeline().needNames(), workspace);
  }

  @Override
  public Optional<String> collect(String runId, Path workspace, Request request) {
    Manifest collected;
    try {
      collected = store.collect(runId, workspace, request.artifacts().paths());
      LOG.infof(
          "run %s: collected %d artifacts (%d bytes)",
          runId, collected.files().size(), collected.totalSize());
    } catch (ArtifactException e) {
      return Optional.of(e.getMessage());
    } catch (IOException | RuntimeException e) {
      return Optional.of("artifacts: collection failed: " + e.getMessage());
    }
    Pipeline.Artifacts wanted = request.artifacts();
    if (!wanted.sbom() && !wanted.provenance() && wanted.publish() == null) {
      return Optional.empty();
    }
    Path out = null;
    try {
      out = Files.createTempDirectory("ci-supply-");
      supply(collected, workspace, request, out);
      return Optional.empty();
    } catch (ArtifactException e) {
      return Optional.of(e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.warnf("run %s: %s", runId, e.getMessage());
      return Optional.of("artifacts: " + e.getMessage());
    } finally {
      delete(out);
    }
  }

  private void supply(Manifest collected, Path workspace, Request request, Path out)
      throws IOException {
    String runId = collected.runId();
    RunRecord run = runs.get(runId).orElseThrow(() -> new IOException("no record of run " + runId));
    RunFacts facts = Facts.of(run, request, sources.apply(run.key().repo()), clock.instant());
    Pipeline.Artifacts wanted = request.artifacts();
    SupplyChain.Produced produced;
    try {
      produced =
          new SupplyChain(key, builderId.get(), clock)
              .produce(
                  facts,
                  collected.files(),
                  store,
                  workspace,
                  new SupplyChain.Wanted(wanted.sbom(), wanted.provenance()),
                  out);
    } catch (IOException | RuntimeException e) {
      throw new IOException("SBOM and provenance failed: " + e.getMessage(), e);
    }
    store.attach(runId, files(produced));
    if (wanted.publish() != null) {
      try {
        publishing.publish(
            wanted.publish(), request.trustedAuthor(), facts, collected.files(), produced);
      } catch (IOException | RuntimeException e) {
        throw new IOException(
            "publish to registry '%s' (%s) failed: %s"
                .formatted(
                    wanted.publish().registry(), wanted.publish().repository(), e.getMessage()),
            e);
      }
    }
  }

  /** The produced files by their manifest paths: {@code .supply/sbom.cdx.json} and so on. */
  private static Map<String, Path> files(SupplyChain.Produced produced) {
    Map<String, Path> files = new LinkedHashMap<>();
    produced.sbom().ifPresent(p -> files.put(PREFIX + SupplyChain.SBOM_FILE, p));
    produced.provenance().ifPresent(p -> files.put(PREFIX + SupplyChain.PROVENANCE_FILE, p));
    produced
        .signatures()
        .forEach(
            (name, sig) ->
                files.put(PREFIX + SupplyChain.SIGNATURES + "/" + name + ".minisig", sig));
    return files;
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
    } catch (IOException e) {
      LOG.debugf("cannot delete %s: %s", dir, e.getMessage());
    }
  }
}
