package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.model.Pipeline;
import java.util.List;

/** Jobs that hand something back: artifacts (with SBOM and provenance) and reports. */
final class UploadingJobs {
  private UploadingJobs() {}

  static Job uploading(Job j, List<String> artifacts, List<String> junit, List<String> sarif) {
    return new Job(
        j.name(),
        j.repos(),
        j.triggers(),
        j.when(),
        j.required(),
        j.image(),
        j.run(),
        j.env(),
        j.timeout(),
        j.maxConcurrency(),
        j.resources(),
        j.retries(),
        j.executor(),
        j.callbacks(),
        new JobQuality(null, new JobQuality.Reports(junit, sarif), List.of()),
        new Pipeline(
            List.of(),
            new Pipeline.Artifacts(artifacts, !artifacts.isEmpty(), !artifacts.isEmpty(), null)),
        j.source(),
        j.recipe());
  }
}
