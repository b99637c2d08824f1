package dev.ciorchestrator.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Callback;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static final SourcePosition AT = new SourcePosition("ci.yaml", 7, 5);
  private static final Callback REPO_HOOK =
      new Callback("https://r.example/", Set.of(Callback.Event.RUN, Callback.Event.GATE), "r", AT);
  private static final Callback GATE_ONLY =
      new Callback("https://g.example/", Set.of(Callback.Event.GATE), "g", AT);
  private static final Callback JOB_HOOK =
      new Callback("https://j.example/", Set.of(Callback.Event.RUN), "missing", AT);

  private static final ConfigSnapshot SNAPSHOT =
      new ConfigSnapshot(
          "rev",
          List.of(
              new Repository(
                  "acme/app",
                  "local",
                  "main",
                  false,
                  MergeMethod.MERGE,
                  List.of(),
                  false,
                  List.of(REPO_HOOK, GATE_ONLY),
                  AT)),
          List.of(
              new Job(
                  "build",
                  List.of("acme/app"),
                  new Job.Triggers(null, null, null, "/test build"),
                  null,
                  true,
                  null,
                  "make",
                  Map.of(),
                  Duration.ofMinutes(5),
                  0,
                  Job.Resources.NONE,
                  0,
                  null,
                  List.of(JOB_HOOK, REPO_HOOK),
                  AT)),
          List.of(),
          Map.of());

  private static final Map<String, String> SECRETS = Map.of("r", "rv", "g", "gv");
  private static final Targets.Deployment DEPLOYMENT =
      new Targets.Deployment(URI.create("https://d.example/"), "dv", Set.of("run"));

  @Test
  void aRunReachesTheDeploymentTheRepositoryAndTheJobEachOnce() {
    List<Targets.Target> t =
        Targets.of(
            SNAPSHOT, Optional.of(DEPLOYMENT), SECRETS, Callback.Event.RUN, "acme/app", "build");
    assertThat(t)
        .extracting(x -> x.url().toString())
        .containsExactly("https://d.example/", "https://r.example/", "https://j.example/");
    assertThat(t)
        .extracting(Targets.Target::secret)
        .containsExactly(Optional.of("dv"), Optional.of("rv"), Optional.empty());
    assertThat(t.get(2).secretSetting()).isEqualTo("ci.callbacks.secrets.missing");
    assertThat(t.get(2).origin()).isEqualTo(AT.toString());
    assertThat(t.get(0).toString()).doesNotContain("dv");
  }

  @Test
  void aGateReachesTheRepositoryCallbacksThatHearGates() {
    List<Targets.Target> t =
        Targets.of(
            SNAPSHOT, Optional.of(DEPLOYMENT), SECRETS, Callback.Event.GATE, "acme/app", null);
    assertThat(t)
        .extracting(x -> x.url().toString())
        .containsExactly("https://r.example/", "https://g.example/");
  }

  @Test
  void anUnknownRepositoryOnlyReachesTheDeployment() {
    assertThat(
            Targets.of(
                SNAPSHOT, Optional.of(DEPLOYMENT), SECRETS, Callback.Event.RUN, "other/x", "y"))
        .extracting(x -> x.url().toString())
        .containsExactly("https://d.example/");
  }
}
