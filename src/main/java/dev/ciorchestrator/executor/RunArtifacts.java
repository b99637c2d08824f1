package dev.ciorchestrator.executor;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Pipeline;
import dev.ciorchestrator.domain.RunRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's artifacts on their way in and out: executors that hold the workspace hand a job the
 * artifacts of the jobs it {@code needs} before it starts, and its own {@code artifacts.paths}
 * (with SBOM, provenance and publishing) after it exited 0, before the workspace is deleted.
 */
public interface RunArtifacts {
  /** Where a job finds the artifacts of the jobs it needs: {@code $CI_ARTIFACTS/<job>/}. */
  String INBOX = ".ci-artifacts";

  /**
   * What the collection of a run does, decided when the run starts and kept beside it, so a run
   * adopted after a restart is collected the same way.
   *
   * @param trustedAuthor a change whose author the repository trusts (publishing needs it)
   * @param image the image the job ran in; empty for the process executor
   * @param upstream what the run received from the jobs it needs, for its provenance
   * @param imageDigest {@code sha256:<hex>} of the image the job ran in, as its engine reported
   *     once the run ended; empty when unknown or without an image
   */
  record Request(
      Pipeline.Artifacts artifacts,
      boolean trustedAuthor,
      String image,
      List<Received> upstream,
      String imageDigest) {
    public Request {
      Objects.requireNonNull(artifacts, "artifacts");
      image = Objects.requireNonNullElse(image, "");
      upstream = List.copyOf(upstream);
      imageDigest = Objects.requireNonNullElse(imageDigest, "");
    }

    /** A request made when the run starts, before its image's digest is known. */
    public Request(
        Pipeline.Artifacts artifacts,
        boolean trustedAuthor,
        String image,
        List<Received> upstream) {
      this(artifacts, trustedAuthor, image, upstream, "");
    }

    public Request withImageDigest(String digest) {
      return new Request(artifacts, trustedAuthor, image, upstream, digest);
    }
  }

  /**
   * One file handed to a job from an upstream run, checked against that run's manifest.
   *
   * @param path where it was in the upstream workspace, and is under {@code $CI_ARTIFACTS/<job>/}
   * @param digest {@code sha256:<hex>}
   */
  record Received(String job, String runId, String path, String digest) {}

  /**
   * Puts the artifacts of the latest successful run of each job {@code spec}'s job needs, on the
   * same head, under {@code <workspace>/.ci-artifacts/<job>/}, each checked against its digest.
   *
   * @throws IOException naming the file whose content does not match its digest, or is missing
   */
  List<Received> receive(RunRecord running, RunSpec spec, Path workspace) throws IOException;

  /**
   * Collects what {@code request} selects in {@code workspace} for run {@code runId}, then makes
   * its SBOM, provenance and signatures and publishes it, as the request says.
   *
   * @return why the run must fail instead of succeeding (a quota, a path outside the workspace, a
   *     registry that refused the push); empty once done
   */
  Optional<String> collect(String runId, Path workspace, Request request);

  /**
   * The script's first line for a job that needs others: {@code $CI_ARTIFACTS} under the working
   * directory the job starts in, which is the workspace on every executor (a container sees it
   * mounted elsewhere).
   */
  static String preamble(Job job) {
    return job.pipeline().needs().isEmpty() ? "" : "export CI_ARTIFACTS=\"$PWD/" + INBOX + "\"\n";
  }

  RunArtifacts NONE =
      new RunArtifacts() {
        @Override
        public List<Received> receive(RunRecord running, RunSpec spec, Path workspace) {
          return List.of();
        }

        @Override
        public Optional<String> collect(String runId, Path workspace, Request request) {
          return Optional.empty();
        }
      };
}
