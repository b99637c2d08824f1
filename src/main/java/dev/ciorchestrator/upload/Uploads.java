package dev.ciorchestrator.upload;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The controller's side of a pod's upload, behind {@code /api/v1/runs/{id}/upload/...}: every
 * request carries {@code Authorization: Bearer <token>} with the token minted for that run, and is
 * taken only while the run's record is not terminal. The HTTP adapter maps {@link UploadRefused} to
 * its status and a JSON body naming the field.
 */
public final class Uploads {
  public static final String FIELD = "Authorization";

  private final RunStore runs;
  private final UploadTokens tokens;
  private final UploadStaging staging;

  public Uploads(RunStore runs, UploadTokens tokens, UploadStaging staging) {
    this.runs = runs;
    this.tokens = tokens;
    this.staging = staging;
  }

  /** A chunk of the workspace file {@code path}, or of the log when {@code path} is null. */
  public void chunk(String runId, String authorization, String path, long offset, byte[] body)
      throws UploadRefused, IOException {
    authorize(runId, authorization);
    staging.append(runId, path, offset, body);
  }

  private static final Path MODES_ROOT = Path.of("/workspace");

  public void done(String runId, String authorization, StagedRun.Done done)
      throws UploadRefused, IOException {
    authorize(runId, authorization);
    for (String path : done.modes().keySet()) {
      UploadPaths.under(MODES_ROOT, path); // a 400 naming the path, as for a file's upload
    }
    staging.finish(runId, done);
  }

  /** Refuses a token that is missing, not this run's, or of a run that has ended. */
  void authorize(String runId, String authorization) throws UploadRefused, IOException {
    authorize(runs, tokens, runId, authorization, UPLOAD);
  }

  /**
   * How a use of a run's token is refused: the status of a token that is not the run's, the token's
   * name, and what the end of the run means for it.
   */
  record TokenUse(int wrongToken, String tokenName, String whenEnded) {}

  static final TokenUse UPLOAD =
      new TokenUse(403, "upload token", "its upload token is no longer valid");

  /**
   * The run of {@code runId} if {@code authorization} carries its token and it has not ended: 401
   * for no bearer token, {@code use}'s status for another run's, 404 for no run, 403 once ended.
   */
  static RunRecord authorize(
      RunStore runs, UploadTokens tokens, String runId, String authorization, TokenUse use)
      throws UploadRefused, IOException {
    UploadPaths.runId(runId);
    String token = bearer(authorization);
    if (!tokens.valid(runId, token)) {
      throw new UploadRefused(
          use.wrongToken(),
          "the token is not the "
              + use.tokenName()
              + " of run "
              + runId
              + " (each run has its own)",
          FIELD);
    }
    RunRecord run =
        runs.get(runId).orElseThrow(() -> new UploadRefused(404, "no run " + runId, "id"));
    if (run.state().terminal()) {
      throw new UploadRefused(
          403,
          "run %s has ended (%s): %s".formatted(runId, run.state().wire(), use.whenEnded()),
          FIELD);
    }
    return run;
  }

  static String bearer(String header) throws UploadRefused {
    String[] parts = header == null ? new String[0] : header.strip().split(" +");
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
      throw new UploadRefused(
          401, "an upload needs 'Authorization: Bearer <the run's upload token>'", FIELD);
    }
    return parts[1];
  }
}
