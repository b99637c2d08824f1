package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.executor.local.Jobs;
import java.util.List;

/** Jobs that hand something back: artifacts (with SBOM and provenance) and reports. */
final class UploadingJobs {
  private UploadingJobs() {}

  static Job uploading(Job j, List<String> artifacts, List<String> junit, List<String> sarif) {
    Job reporting =
        Jobs.withQuality(j, new JobQuality(null, new JobQuality.Reports(junit, sarif), List.of()));
    return Jobs.withPipeline(
        reporting,
        new Pipeline(
            List.of(),
            new Pipeline.Artifacts(artifacts, !artifacts.isEmpty(), !artifacts.isEmpty(), null)));
  }
}
