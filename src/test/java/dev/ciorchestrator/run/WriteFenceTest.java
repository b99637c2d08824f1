package dev.ciorchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fence tells its watchers when this replica starts and stops leading, once per change. */
class WriteFenceTest {
  private final List<String> told = new ArrayList<>();
  private final WriteFence.Watcher watcher =
      new WriteFence.Watcher() {
        @Override
        public void leading() {
          told.add("leading");
        }

        @Override
        public void following() {
          told.add("following");
        }
      };

  @Test
  void aWatcherHearsEachChangeOnceAndNothingAfterItStopsWatching() {
    WriteFence fence = WriteFence.closed();
    fence.watch(watcher);
    fence.follow(); // no change
    fence.lead();
    fence.lead(); // no change
    fence.follow();
    fence.unwatch(watcher);
    fence.lead();

    assertThat(told).containsExactly("leading", "following");
  }

  @Test
  void aWatcherOfAnOpenFenceHearsAtOnceThatItLeads() {
    WriteFence fence = WriteFence.open();
    fence.watch(watcher);

    assertThat(told).containsExactly("leading");
    assertThat(fence.isOpen()).isTrue();
  }
}
