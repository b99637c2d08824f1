package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Callback;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code callbacks:} on Repository and Job: what binds, and errors at file:line naming the field.
 */
class CallbackConfigTest {
  private static final String REPO =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: demo/app
      forge: local
      """;
  private static final String JOB =
      """
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: build
      repos: [demo/app]
      run: make
      """;

  private static LoadResult load(String text) {
    ConfigFile f = new ConfigFile("ci.yaml", "id", text.getBytes(StandardCharsets.UTF_8));
    return new ConfigLoader(new CelPolicyEngine()).load("rev", List.of(f));
  }

  private static List<String> errors(String text) {
    LoadResult r = load(text);
    assertThat(r).isInstanceOf(LoadResult.Failed.class);
    return ((LoadResult.Failed) r).errors().stream().map(Object::toString).toList();
  }

  @Test
  void bindsWithDefaultEvents() {
    LoadResult r =
        load(
            REPO
                + """
                callbacks:
                  - url: https://hooks.example.com/ci
                    secret: hooks
                """
                + JOB
                + """
                callbacks:
                  - {url: "http://127.0.0.1:9000/build", secret: build-hook}
                """);
    assertThat(r).isInstanceOf(LoadResult.Loaded.class);
    ConfigSnapshot s = ((LoadResult.Loaded) r).snapshot();
    assertThat(s.repository("demo/app").orElseThrow().callbacks())
        .containsExactly(
            new Callback(
                "https://hooks.example.com/ci",
                Set.of(Callback.Event.RUN, Callback.Event.GATE),
                "hooks",
                new SourcePosition("ci.yaml", 6, 5)));
    assertThat(s.job("build").orElseThrow().callbacks())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.events()).containsExactly(Callback.Event.RUN);
              assertThat(c.secret()).isEqualTo("build-hook");
            });
  }

  @Test
  void reportsEveryBadFieldAtItsLine() {
    List<String> errors =
        errors(
            REPO
                + """
                callbacks:
                  - url: ftp://hooks.example.com/ci
                    secret: Bad_Name
                  - url: https://user:pw@hooks.example.com/ci
                    events: [run, push]
                    secret: ok
                  - url: https://hooks.example.com/x
                    token: abc
                """
                + JOB
                + """
                callbacks:
                  - {url: "https://hooks.example.com/b", events: [gate], secret: s}
                """);
    assertThat(errors)
        .containsExactly(
            "ci.yaml:6:10: callbacks[0].url: must be an absolute http or https URL",
            "ci.yaml:7:13: callbacks[0].secret: invalid secret name 'Bad_Name': name a secret of"
                + " the deployment settings (ci.callbacks.secrets.<name>; lowercase letters,"
                + " digits and '-')",
            "ci.yaml:8:10: callbacks[1].url: must not carry credentials (user:password@); use"
                + " secret",
            "ci.yaml:9:19: callbacks[1].events[1]: invalid value 'push' (allowed: run, gate)",
            "ci.yaml:11:5: callbacks[2].secret: missing required field 'secret'",
            "ci.yaml:12:5: callbacks[2].token: unknown field 'token'",
            "ci.yaml:20:51: callbacks[0].events[0]: a job's callbacks report its runs only; put"
                + " gate callbacks on the Repository");
  }

  @Test
  void aCallbacksValueThatIsNoListIsAnError() {
    assertThat(errors(REPO + "callbacks: https://hooks.example.com/ci\n"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .contains("ci.yaml:5")
                    .contains("callbacks")
                    .contains("expected a list"));
  }
}
