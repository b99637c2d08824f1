package dev.ciorchestrator.config.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.ConfigSources;
import dev.ciorchestrator.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config folder missing at startup is a sync error, and is picked up once it appears. */
class LazySourceTest {
  @TempDir Path tmp;

  @Test
  void aMissingFolderIsAnErrorUntilItExists() throws Exception {
    Path folder = tmp.resolve("later");
    LazySource source =
        new LazySource(
            () -> ConfigSources.open(folder.toString(), "HEAD", "", tmp), folder + "@HEAD");
    ConfigSync sync = new ConfigSync(source, new FakeLoader(), new MutableClock(Instant.EPOCH));

    SyncStatus missing = sync.sync();
    assertThat(missing.state()).isEqualTo(SyncState.ERROR);
    assertThat(missing.source()).isEqualTo(folder + "@HEAD");
    assertThat(missing.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("revision");
              assertThat(e.message()).contains("is neither a Git URL nor a folder");
            });

    Files.createDirectories(folder);
    Files.writeString(folder.resolve("a.yaml"), "repo: a/b\n");
    SyncStatus found = sync.sync();
    assertThat(found.state()).isEqualTo(SyncState.SYNCED);
    assertThat(found.source()).startsWith(folder + " (plain folder");
    assertThat(sync.current().repository("a/b")).isPresent();
    source.close();
  }
}
