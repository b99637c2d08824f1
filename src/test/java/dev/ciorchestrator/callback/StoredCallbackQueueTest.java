package dev.ciorchestrator.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.run.DeliveryStore;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.file.FileDeliveryStore;
import dev.ciorchestrator.run.postgres.PostgresDeliveryStore;
import dev.ciorchestrator.testing.MutableClock;
import dev.ciorchestrator.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The callback queue kept in the store: a delivery queued before a restart, or before the leader
 * changed, is sent by the next leader, once, with the attempts it already made; a follower sends
 * nothing; the stored queue is bounded. A real receiver on loopback; the file store and a real
 * PostgreSQL server.
 */
class StoredCallbackQueueTest {
  private static final String SETTING = "ci.callbacks.secrets.team";
  private static final String SECRET = "team-secret";
  private static final Backoff AN_HOUR = new Backoff(Duration.ofHours(1), Duration.ofHours(1));

  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(Instant.now());
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final List<CallbackDispatcher> dispatchers = new ArrayList<>();
  private Receiver receiver;

  @BeforeEach
  void start() throws Exception {
    // the first attempt fails, every later one is taken
    receiver = new Receiver().answering(i -> i == 0 ? 503 : 200);
  }

  @AfterEach
  void stop() {
    dispatchers.forEach(CallbackDispatcher::close);
    receiver.close();
  }

  private CallbackDispatcher dispatcher(DeliveryStore store, WriteFence fence, int capacity) {
    return dispatcher(store, fence, capacity, 1);
  }

  private CallbackDispatcher dispatcher(
      DeliveryStore store, WriteFence fence, int capacity, int workers) {
    CallbackDispatcher d =
        new CallbackDispatcher(
            new HttpSender(Duration.ofSeconds(10)),
            clock,
            metrics,
            AN_HOUR,
            5,
            capacity,
            workers,
            store,
            fence,
            s -> s.equals(SETTING) ? Optional.of(SECRET) : Optional.empty());
    dispatchers.add(d);
    return d;
  }

  /** Two workers, {@code d-1} submitted and its first attempt held on the wire. */
  private CallbackDispatcher firstOnTheWire(DeliveryStore store, WriteFence fence)
      throws InterruptedException {
    receiver.answering(i -> 200).holdOnly(i -> i == 0);
    CallbackDispatcher dispatcher = dispatcher(store, fence, 10, 2);
    dispatcher.submit(delivery("d-1"));
    Receiver.await("d-1 on the wire", () -> receiver.requests().size() == 1);
    return dispatcher;
  }

  private Delivery delivery(String id) {
    return new Delivery(
        id,
        "run",
        receiver.url(),
        SECRET,
        Map.of("run", Map.of("id", "r-" + id, "result", "success")),
        Reports.context("r-" + id, "acme/app", "build"),
        0,
        clock.instant(),
        SETTING);
  }

  private static int attempts(DeliveryStore store, String id) throws Exception {
    return store.all().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().attempt();
  }

  private List<String> deliveryIds() {
    return receiver.requests().stream().map(r -> r.header(Signature.DELIVERY_HEADER)).toList();
  }

  @Test
  void aDeliveryWaitingOutItsBackoffIsSentOnceAfterARestart() throws Exception {
    Path file = tmp.resolve("callbacks.json");
    FileDeliveryStore before = new FileDeliveryStore(file, WriteFence.open());
    CallbackDispatcher first = dispatcher(before, WriteFence.open(), 10);
    first.submit(delivery("d-1"));
    Receiver.await("the first attempt failed", () -> receiver.answered().size() == 1);
    Receiver.await("its backoff is stored", () -> stored(before, "d-1") == 1);
    first.close(); // the service stops; the report waits out its backoff in the file

    clock.advance(Duration.ofHours(2));
    FileDeliveryStore after = new FileDeliveryStore(file, WriteFence.open());
    dispatcher(after, WriteFence.open(), 10);
    Receiver.await("sent again after the restart", () -> receiver.answered().size() == 2);
    Receiver.await("forgotten once sent", () -> storedCount(after) == 0);

    assertThat(receiver.answered()).containsExactly(503, 200);
    assertThat(deliveryIds()).containsExactly("d-1", "d-1");
    assertThat(Signature.of(SECRET, receiver.requests().get(1).body()))
        .as("signed again with the secret its setting holds")
        .isEqualTo(receiver.requests().get(1).header(Signature.HEADER));
    assertThat(new FileDeliveryStore(file, WriteFence.open()).all()).isEmpty();
  }

  @Test
  void afterAFailoverTheNewLeaderSendsWhatTheOldOneQueuedAndTheOldOneSendsNothing()
      throws Exception {
    DataSource db = migrated();
    WriteFence leaderFence = WriteFence.open();
    WriteFence followerFence = WriteFence.closed();
    DeliveryStore leaderStore = new PostgresDeliveryStore(db, leaderFence);
    DeliveryStore followerStore = new PostgresDeliveryStore(db, followerFence);
    CallbackDispatcher leader = dispatcher(leaderStore, leaderFence, 10);
    CallbackDispatcher follower = dispatcher(followerStore, followerFence, 10);

    leader.submit(delivery("d-1"));
    follower.submit(delivery("d-2")); // a follower's report: not queued, not sent
    Receiver.await("the first attempt failed", () -> receiver.answered().size() == 1);
    Receiver.await("its backoff is stored", () -> stored(followerStore, "d-1") == 1);

    leaderFence.follow(); // the leader loses the lock
    clock.advance(Duration.ofHours(2));
    followerFence.lead(); // and the other replica takes it
    Receiver.await("sent by the new leader", () -> receiver.answered().size() == 2);
    Receiver.await("forgotten once sent", () -> storedCount(followerStore) == 0);

    assertThat(deliveryIds()).containsExactly("d-1", "d-1");
    assertThat(leader.pending()).as("the old leader keeps nothing to send").isZero();
    assertThat(metrics.calls).contains("failed:run", "retried:run", "delivered:run");
    assertThat(metrics.calls.stream().filter(c -> c.startsWith("delivered"))).hasSize(1);
  }

  /**
   * Leadership lost and regained while an attempt is on the wire: the new term loads the stored
   * queue, where the delivery still is, but leaves it to the attempt in flight. Two workers, so a
   * second could send it at once; {@code d-2}, queued after the new term loaded, is the barrier: a
   * worker takes the older {@code d-1} first, so a repeat would arrive before it.
   */
  @Test
  void aDeliveryInFlightWhenLeadershipIsLostAndRegainedIsSentOnce() throws Exception {
    WriteFence fence = WriteFence.open();
    DeliveryStore store = new PostgresDeliveryStore(migrated(), fence);
    CallbackDispatcher dispatcher = firstOnTheWire(store, fence);

    fence.follow();
    fence.lead();
    clock.advance(Duration.ofSeconds(1));
    dispatcher.submit(delivery("d-2"));
    Receiver.await("d-2 sent", () -> deliveryIds().contains("d-2"));
    receiver.release();
    Receiver.await("both forgotten once sent", () -> storedCount(store) == 0);

    assertThat(deliveryIds()).containsExactly("d-1", "d-2");
  }

  /**
   * The attempt ends while this replica follows, so it cannot remove the delivery from the store;
   * when it leads again it removes it instead of sending it a second time.
   */
  @Test
  void aDeliverySentWhileFollowingIsNotSentAgainWhenLeadingAgain() throws Exception {
    WriteFence fence = WriteFence.open();
    FileDeliveryStore store = new FileDeliveryStore(tmp.resolve("callbacks.json"), fence);
    CallbackDispatcher dispatcher = firstOnTheWire(store, fence);

    fence.follow();
    receiver.release();
    Receiver.await("d-1 taken", () -> receiver.answered().size() == 1);
    assertThat(store.all()).as("a follower removes nothing").hasSize(1);
    fence.lead();
    clock.advance(Duration.ofSeconds(1));
    dispatcher.submit(delivery("d-2"));
    Receiver.await("d-2 sent", () -> deliveryIds().contains("d-2"));
    Receiver.await("both forgotten", () -> storedCount(store) == 0);

    assertThat(deliveryIds()).containsExactly("d-1", "d-2");
  }

  @Test
  void aFullStoredQueueDropsItsOldestAndCountsIt() throws Exception {
    receiver.answering(i -> 503);
    FileDeliveryStore store =
        new FileDeliveryStore(tmp.resolve("callbacks.json"), WriteFence.open());
    CallbackDispatcher dispatcher = dispatcher(store, WriteFence.open(), 2);
    dispatcher.submit(delivery("d-1"));
    Receiver.await("d-1 waits out its backoff", () -> stored(store, "d-1") == 1);
    dispatcher.submit(delivery("d-2"));
    dispatcher.submit(delivery("d-3"));
    Receiver.await("three attempts", () -> receiver.answered().size() == 3);
    Receiver.await("all backoffs stored", () -> stored(store, "d-3") == 1);
    Receiver.await("both wait out their backoff", () -> dispatcher.pending() == 2);

    assertThat(store.all()).extracting(DeliveryStore.Stored::id).containsExactly("d-2", "d-3");
    assertThat(metrics.calls).containsOnlyOnce("dropped:run");
  }

  private static int stored(DeliveryStore store, String id) {
    try {
      return store.all().stream().anyMatch(s -> s.id().equals(id)) ? attempts(store, id) : -1;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static int storedCount(DeliveryStore store) {
    try {
      return store.all().size();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static DataSource migrated() throws Exception {
    DataSource ds = PostgresServer.dataSource(PostgresServer.shared().newDatabase());
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }
}
