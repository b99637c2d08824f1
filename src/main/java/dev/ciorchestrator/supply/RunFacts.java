package dev.ciorchestrator.supply;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the provenance says about the run that built the artifacts: every field comes from the run
 * record and the config the controller itself resolved, never from the job.
 *
 * @param runId the run id, the provenance's {@code invocationId}
 * @param repo {@code owner/name}
 * @param sourceUri where the source can be fetched (clone URL), empty if unknown
 * @param change the change number, 0 for pushes and schedules
 * @param ref the pushed ref or schedule slot, empty for changes
 * @param headSha the commit that was built
 * @param baseSha the target branch commit it was merged onto, empty if none
 * @param job the job's name
 * @param trigger {@code pull_request}, {@code push}, {@code schedule} or {@code command}
 * @param causedBy who caused the run
 * @param configRevision the config repository commit that defined the job
 * @param executor {@code process}, {@code container} or {@code kubernetes}
 * @param image the job's image, empty for the process executor
 * @param imageDigest {@code sha256:<hex>} of the image where known, else empty
 * @param upstream artifacts of the jobs this one needs, as it received them
 */
public record RunFacts(
    String runId,
    String repo,
    String sourceUri,
    long change,
    String ref,
    String headSha,
    String baseSha,
    String job,
    String trigger,
    String causedBy,
    String configRevision,
    String executor,
    String image,
    String imageDigest,
    Instant startedOn,
    Instant finishedOn,
    List<Upstream> upstream) {
  public RunFacts {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(repo, "repo");
    sourceUri = Objects.requireNonNullElse(sourceUri, "");
    ref = Objects.requireNonNullElse(ref, "");
    headSha = Objects.requireNonNullElse(headSha, "");
    baseSha = Objects.requireNonNullElse(baseSha, "");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(trigger, "trigger");
    causedBy = Objects.requireNonNullElse(causedBy, "");
    configRevision = Objects.requireNonNullElse(configRevision, "");
    executor = Objects.requireNonNullElse(executor, "");
    image = Objects.requireNonNullElse(image, "");
    imageDigest = Objects.requireNonNullElse(imageDigest, "");
    upstream = List.copyOf(upstream);
  }

  /** An artifact of an upstream job ({@code needs}) that this run received. */
  public record Upstream(String job, String name, String sha256) {}

  /** The first 12 characters of the head SHA: the OCI tag of the artifact set. */
  public String shortSha() {
    return headSha.length() > 12 ? headSha.substring(0, 12) : headSha;
  }
}
