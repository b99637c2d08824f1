package dev.ciorchestrator.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ciorchestrator.run.WriteFence;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StoresTest {
  @Test
  void aFollowersRefusedWriteSaysItIsNotTheLeader() {
    WriteFence.NotLeading refused =
        catchThrowableOfType(
            WriteFence.NotLeading.class, () -> WriteFence.closed().check("aborting run x"));

    UiError error = Stores.unreadable(refused);

    assertThat(error.status()).isEqualTo(Status.SERVICE_UNAVAILABLE);
    assertThat(error.title()).isEqualTo("Not the leader");
  }

  @Test
  void aStoreThatCannotBeReadSaysSo() {
    UiError error = Stores.unreadable(new IOException("disk gone"));

    assertThat(error.status()).isEqualTo(Status.SERVICE_UNAVAILABLE);
    assertThat(error.title()).isEqualTo("Runs unavailable");
  }
}
