package dev.ciorchestrator.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.artifact.ArtifactException;
import dev.ciorchestrator.artifact.FileModes;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.artifact.WorkspaceFiles;
import dev.ciorchestrator.config.model.JobQuality.Reports;
import dev.ciorchestrator.reports.ReportLimits;
import dev.ciorchestrator.reports.ReportReader;
import dev.ciorchestrator.supply.sbom.Sbom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod utility sidecar of a Kubernetes run ({@code ci-orchestrator pod upload}): waits for the
 * job container's exit code in the shared folder, then selects what to upload with the code the
 * local executors collect with ({@link WorkspaceFiles#select} for {@code artifacts.paths}, only
 * after exit 0; {@link ReportReader#select} for reports, always), and uploads those files, the log
 * and its last word to the controller with the run's token. The controller collects from what
 * arrived exactly as from a local workspace.
 */
public final class PodUpload {
  static final String EXIT_FILE =
      "exit-code"; // as the job container's wrapper names them (JobWrapper)
  static final String LOG_FILE = "log";
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long MODES_BUDGET = 256 * 1024;

  /**
   * What a run uploads, from its job (rendered into the sidecar's environment as JSON).
   *
   * @param sbom whether {@code sbom-components.yaml} is uploaded for the SBOM
   */
  public record Plan(List<String> artifacts, List<String> junit, List<String> sarif, boolean sbom) {
    public Plan {
      artifacts = List.copyOf(artifacts);
      junit = List.copyOf(junit);
      sarif = List.copyOf(sarif);
    }

    public String json() {
      try {
        return new ObjectMapper().writeValueAsString(this);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    static Plan of(String json) throws IOException {
      return new ObjectMapper().readValue(json, Plan.class);
    }
  }

  /** The sidecar's settings, all from its environment ({@link Env}). */
  record Settings(
      String url,
      String runId,
      String token,
      Plan plan,
      Path workspace,
      Path shared,
      Instant until) {}

  private final Settings settings;
  private final Clock clock;

  PodUpload(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Waits, selects and uploads; throws with why the upload did not complete. */
  public void run() throws IOException, InterruptedException {
    int exitCode = waitForExit();
    UploadClient client =
        new UploadClient(
            settings.url(), settings.runId(), settings.token(), settings.until(), clock);
    Map<String, Path> files = new TreeMap<>();
    String refused = select(exitCode, files);
    try {
      for (Map.Entry<String, Path> f : files.entrySet()) {
        client.send(f.getKey(), f.getValue());
      }
    } catch (UploadClient.TooLarge e) {
      // over the run's quota: the run fails with the controller's words, as a local one would
      refused = refused.isEmpty() ? tooLarge(e) : refused;
    }
    Path log = settings.shared().resolve(LOG_FILE);
    if (Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
      try {
        client.send(null, log);
      } catch (UploadClient.TooLarge e) {
        System.err.println("the log was not uploaded whole: " + tooLarge(e));
      }
    }
    client.done(new StagedRun.Done(exitCode, refused, modes(files)));
  }

  /**
   * The uploaded files' modes that differ from a plain file's, so executables stay executable. The
   * list travels in {@code done}, whose body must stay well under the controller's body limit
   * ({@code ci.intake.max-body-size}, 1M by default): past {@link #MODES_BUDGET} bytes of paths the
   * rest arrive as plain files, and the log says so.
   */
  private static Map<String, Integer> modes(Map<String, Path> files) throws IOException {
    Map<String, Integer> modes = new TreeMap<>();
    long spent = 0;
    for (Map.Entry<String, Path> f : files.entrySet()) {
      int mode = FileModes.of(f.getValue());
      if (mode == Manifest.Entry.DEFAULT_MODE) {
        continue;
      }
      spent += f.getKey().length() + 16;
      if (spent > MODES_BUDGET) {
        System.err.println(
            "more modes than fit in one answer: files from " + f.getKey() + " on keep mode 0644");
        break;
      }
      modes.put(f.getKey(), mode);
    }
    return modes;
  }

  /** The refusal's own words (its JSON {@code error}), or the answer as it came. */
  private static String tooLarge(UploadClient.TooLarge e) {
    try {
      return new ObjectMapper().readTree(e.getMessage()).path("error").asText(e.getMessage());
    } catch (IOException notJson) {
      return e.getMessage();
    }
  }

  private int waitForExit() throws IOException, InterruptedException {
    Path exit = settings.shared().resolve(EXIT_FILE);
    while (!Files.isRegularFile(exit, LinkOption.NOFOLLOW_LINKS)) {
      if (clock.instant().isAfter(settings.until())) {
        throw new IOException(
            "the job container wrote no exit code to " + exit + " before the run's deadline");
      }
      Thread.sleep(POLL.toMillis());
    }
    String text = Files.readString(exit, StandardCharsets.UTF_8).strip();
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IOException("the exit file holds \"" + text + "\", not an exit code");
    }
  }

  /** Fills {@code files}; returns why artifacts were refused, or "". */
  private String select(int exitCode, Map<String, Path> files) throws IOException {
    Path ws = settings.workspace().toRealPath();
    Plan plan = settings.plan();
    String refused = "";
    if (exitCode == 0 && !plan.artifacts().isEmpty()) {
      try {
        WorkspaceFiles.select(ws, plan.artifacts()).forEach(s -> files.put(s.path(), s.file()));
      } catch (ArtifactException e) {
        refused = e.getMessage();
      }
    }
    List<String> problems = new ArrayList<>(); // the controller finds and says them again
    for (Path report :
        new ReportReader(ReportLimits.DEFAULT)
            .select(ws, new Reports(plan.junit(), plan.sarif()), problems)) {
      files.put(ws.relativize(report).toString().replace('\\', '/'), report);
    }
    Path components = ws.resolve(Sbom.COMPONENTS_FILE);
    if (plan.sbom() && Files.isRegularFile(components, LinkOption.NOFOLLOW_LINKS)) {
      files.put(Sbom.COMPONENTS_FILE, components);
    }
    return refused;
  }
}
