package dev.ciorchestrator.supply.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.supply.RunFacts;
import java.util.List;

/**
 * The in-toto Statement v1 with the SLSA v1 provenance predicate for one run's artifacts. Every
 * field is a fact the controller holds (run record, resolved config), never something the job
 * wrote, so a job cannot make its artifacts claim another origin.
 */
public final class Provenance {
  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
  public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
  public static final String BUILD_TYPE = "https://ci-orchestrator.dev/buildtypes/job/v1";

  /** What the statement says where a run had no image to name. */
  public static final String NO_IMAGE =
      "none: the job ran as a process on the controller's host, not in a container image";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Provenance() {}

  /**
   * The statement's JSON.
   *
   * @param builderId this deployment ({@code <public-url>/builder})
   * @param sbom the SBOM written for these artifacts, listed as a byproduct; null if none
   */
  public static byte[] statement(
      String builderId, RunFacts run, List<Manifest.Entry> artifacts, Byproduct sbom) {
    ObjectNode root = JSON.createObjectNode();
    root.put("_type", STATEMENT_TYPE);
    ArrayNode subjects = root.putArray("subject");
    for (Manifest.Entry artifact : artifacts) {
      descriptor(subjects.addObject(), artifact.path(), artifact.sha256());
    }
    root.put("predicateType", PREDICATE_TYPE);
    ObjectNode predicate = root.putObject("predicate");
    ObjectNode definition = predicate.putObject("buildDefinition");
    definition.put("buildType", BUILD_TYPE);
    externalParameters(definition.putObject("externalParameters"), run);
    ObjectNode internal =
        definition.putObject("internalParameters").put("executor", run.executor());
    if (run.image().isEmpty()) {
      internal.put("image", NO_IMAGE);
    }
    resolvedDependencies(definition.putArray("resolvedDependencies"), run);
    ObjectNode details = predicate.putObject("runDetails");
    details.putObject("builder").put("id", builderId);
    ObjectNode metadata = details.putObject("metadata").put("invocationId", run.runId());
    if (run.startedOn() != null) {
      metadata.put("startedOn", run.startedOn().toString());
    }
    if (run.finishedOn() != null) {
      metadata.put("finishedOn", run.finishedOn().toString());
    }
    if (sbom != null) {
      descriptor(details.putArray("byproducts").addObject(), sbom.name(), sbom.sha256())
          .put("mediaType", sbom.mediaType());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file produced beside the artifacts (the SBOM). */
  public record Byproduct(String name, String sha256, String mediaType) {}

  private static void externalParameters(ObjectNode params, RunFacts run) {
    params.put("repository", run.repo());
    if (run.change() > 0) {
      params.put("change", run.change());
    } else {
      params.put("ref", run.ref());
    }
    params.put("headSha", run.headSha());
    params.put("baseSha", run.baseSha());
    params.put("job", run.job());
    params.put("trigger", run.trigger());
    params.put("causedBy", run.causedBy());
    params.put("configRevision", run.configRevision());
  }

  private static void resolvedDependencies(ArrayNode deps, RunFacts run) {
    ObjectNode source = deps.addObject();
    if (run.sourceUri().isEmpty()) {
      source.put("name", run.repo()); // no clone URL known: a name, never a made-up URI
    } else {
      source.put("uri", "git+" + run.sourceUri() + "@" + run.headSha());
    }
    source.putObject("digest").put("gitCommit", run.headSha());
    source.putObject("annotations").put("role", "source");
    if (!run.image().isEmpty()) {
      ObjectNode image = deps.addObject().put("uri", "oci://" + run.image());
      if (run.imageDigest().startsWith("sha256:")) {
        image.putObject("digest").put("sha256", run.imageDigest().substring(7));
      }
      image.putObject("annotations").put("role", "image");
    }
    for (RunFacts.Upstream up : run.upstream()) {
      ObjectNode dep = descriptor(deps.addObject(), up.job() + "/" + up.name(), up.sha256());
      dep.putObject("annotations").put("role", "upstream-artifact").put("job", up.job());
    }
  }

  private static ObjectNode descriptor(ObjectNode node, String name, String sha256) {
    node.put("name", name);
    node.putObject("digest").put("sha256", sha256);
    return node;
  }
}
