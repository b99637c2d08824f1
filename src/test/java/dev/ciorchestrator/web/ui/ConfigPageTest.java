package dev.ciorchestrator.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.config.sync.SyncState;
import dev.ciorchestrator.config.sync.SyncStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config page tells the running revision from the source's, and every error's place. */
class ConfigPageTest {
  @Test
  void anErrorShowsEveryProblemAtFileLineColumnBesideTheRevisionStillRunning() {
    SyncStatus status =
        new SyncStatus(
            SyncState.ERROR,
            "https://git.example/ci.git",
            "b".repeat(40),
            "a".repeat(40),
            Instant.parse("2026-11-25T12:05:00Z"),
            Instant.parse("2026-11-25T12:00:00Z"),
            List.of(
                new ConfigError(new SourcePosition("jobs/go.yaml", 12, 3), "timeout", "bad"),
                new ConfigError(new SourcePosition("a.yaml", 1, 1), "", "unknown kind")),
            "1 repositories, 2 jobs, 0 policies");

    ConfigView view = ConfigPage.view(status, ConfigSnapshot.empty());

    assertThat(view.state()).isEqualTo(new Badge("s-bad", "✖", "Error"));
    assertThat(view.meaning()).contains("last good config keeps running");
    assertThat(view.running()).isEqualTo("a".repeat(40));
    assertThat(view.resolved()).isEqualTo("b".repeat(40));
    assertThat(view.loadedAt()).isEqualTo("2026-11-25 12:00:00 UTC");
    assertThat(view.checkedAt()).isEqualTo("2026-11-25 12:05:00 UTC");
    assertThat(view.errors())
        .containsExactly(
            new ConfigView.ErrorLine("a.yaml:1:1", "", "unknown kind"),
            new ConfigView.ErrorLine("jobs/go.yaml:12:3", "timeout", "bad"));
  }

  @Test
  void eachStateReadsInWordsNotOnlyColour() {
    for (SyncState s : SyncState.values()) {
      SyncStatus status = new SyncStatus(s, "src", "", "", null, null, List.of(), "");
      ConfigView view = ConfigPage.view(status, ConfigSnapshot.empty());
      assertThat(view.state().text()).isEqualTo(s.wire());
      assertThat(view.meaning()).isNotBlank();
    }
  }
}
