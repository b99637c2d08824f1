package dev.ciorchestrator.forge.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push straight into the forge's repository is noticed once. */
class PushDetectorTest {
  @TempDir Path dir;

  @Test
  void aDirectPushIsNoticedOnceAndTheFirstLookIsOnlyABaseline() throws Exception {
    try (LocalForgeFixture fixture = new LocalForgeFixture(dir)) {
      PushDetector pushes = new PushDetector(fixture.forge);

      assertThat(pushes.pushed(LocalForgeFixture.REPO)).as("baseline").isFalse();
      assertThat(pushes.pushed(LocalForgeFixture.REPO)).isFalse();

      fixture.push("feature", "f.txt", "1\n"); // a new branch
      assertThat(pushes.pushed(LocalForgeFixture.REPO)).isTrue();
      assertThat(pushes.pushed(LocalForgeFixture.REPO)).isFalse();

      fixture.push("feature", "f.txt", "2\n"); // a moved branch
      assertThat(pushes.pushed(LocalForgeFixture.REPO)).isTrue();
    }
  }
}
