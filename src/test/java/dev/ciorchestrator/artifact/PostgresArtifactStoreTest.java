package dev.ciorchestrator.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link ArtifactStoreTest} with the store shared in a real PostgreSQL (a database
 * per test), and what only a shared store has: a replica that never saw a run's collection serves
 * its manifest and content, checked on the way in; one that does not lead reads but never writes.
 */
class PostgresArtifactStoreTest extends ArtifactStoreTest {
  private static PostgresServer server;
  private DataSource db;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.shared();
  }

  @BeforeEach
  void database() throws Exception {
    db = PostgresServer.dataSource(server.newDatabase());
    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
  }

  @Override
  ArtifactShelf shelf(Clock clock) {
    return new PostgresShelf(db, WriteFence.open(), clock);
  }

  /** Another replica: its own folder, the same database. */
  private ArtifactStore replica(String name, WriteFence fence, Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new ArtifactStore(
        tmp.resolve(name), new PostgresShelf(db, fence, clock), ArtifactStoreTest.LIMITS, clock);
  }

  /** Written by a manifest file on the first replica's disk: never there with a shared store. */
  @Override
  void aManifestWrittenBeforeModesWereRecordedReadsAsPlainFiles() {}

  @Test
  void anotherReplicaServesWhatOneCollectedChunkByChunkAndChecked() throws Exception {
    Path ws = workspace();
    byte[] big = new byte[PostgresShelf.CHUNK * 2 + 17]; // three chunks, the last a short one
    new Random(7).nextBytes(big);
    Files.write(ws.resolve("bin/big"), big);
    Files.createFile(ws.resolve("bin/empty"));
    ArtifactStore.Limits roomy =
        new ArtifactStore.Limits(10_000_000, 10_000_000, Duration.ofDays(1));
    Manifest collected = store(roomy, T0).collect("run-1", ws, List.of("bin/*"));

    ArtifactStore other = replica("other", WriteFence.closed(), T0);
    assertThat(other.manifest("run-1")).contains(collected);
    for (Manifest.Entry e : collected.files()) {
      Path copy = tmp.resolve("in").resolve(e.path());
      other.copyVerified(e, copy, e.path());
      assertThat(copy).hasSameBinaryContentAs(ws.resolve(e.path()));
    }
    assertThat(Files.list(tmp.resolve("other/blobs/sha256"))).hasSize(4);
  }

  @Test
  void contentChangedInTheDatabaseIsRefusedAndNotKept() throws Exception {
    Manifest.Entry hello =
        store(LIMITS, T0).collect("run-1", workspace(), List.of("bin/hello")).files().get(0);
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("UPDATE artifact_chunks SET data = ? WHERE digest = ?")) {
      s.setBytes(1, "evil binary!".getBytes());
      s.setString(2, hello.sha256());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    ArtifactStore other = replica("other", WriteFence.closed(), T0);

    assertThatThrownBy(() -> other.copyVerified(hello, tmp.resolve("in/hello"), "in/hello"))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("the shared store's content of " + hello.digest() + " reads as");
    assertThat(tmp.resolve("in/hello")).doesNotExist();
    assertThat(Files.list(tmp.resolve("other/blobs/sha256"))).isEmpty();
  }

  @Test
  void aReplicaThatDoesNotLeadReadsButNeitherCollectsNorExpires() throws Exception {
    Path ws = workspace();
    store(LIMITS, T0).collect("old", ws, List.of("bin/hello"));
    ArtifactStore follower = replica("follower", WriteFence.closed(), T0.plus(Duration.ofDays(31)));
    assertThat(follower.blob(sha("hello binary"))).isPresent(); // a copy on its disk now

    assertThatThrownBy(() -> follower.collect("run-2", ws, List.of("README.md")))
        .isInstanceOf(WriteFence.NotLeading.class);
    assertThat(follower.expire()).isZero();
    assertThat(follower.manifest("old")).isPresent();

    assertThat(replica("leader", WriteFence.open(), T0.plus(Duration.ofDays(31))).expire())
        .isEqualTo(1);
    follower.expire(); // learns what went: its copy goes too
    assertThat(Files.list(tmp.resolve("follower/blobs/sha256"))).isEmpty();
    assertThat(follower.blob(sha("hello binary"))).isEmpty();
  }

  @Test
  void aFailedCollectionLeavesNoContentInTheDatabase() throws Exception {
    Path ws = workspace();
    Files.write(ws.resolve("bin/zbig"), new byte[200_000]); // after bin/hello: hello is kept first
    ArtifactStore store =
        store(new ArtifactStore.Limits(100_000, 10_000_000, Duration.ofDays(1)), T0);

    assertThatThrownBy(() -> store.collect("run-1", ws, List.of("bin/*")))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("ci.artifacts.max-run-size");
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM artifact_blobs");
        ResultSet row = s.executeQuery()) {
      row.next();
      assertThat(row.getInt(1)).isZero();
    }
  }
}
