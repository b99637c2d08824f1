package dev.ciorchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Leader election through a PostgreSQL advisory lock, against a real server: one of two replicas
 * leads; a graceful stop hands over; a leader whose session dies (a crash, a cut connection) stops
 * leading and the other takes over.
 */
class LockLeadershipTest {
  private static PostgresServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.shared();
  }

  /** What it was told last. */
  static final class Told implements Leadership.Listener {
    volatile boolean leading;

    @Override
    public synchronized void startedLeading() {
      leading = true;
    }

    @Override
    public synchronized void stoppedLeading() {
      leading = false;
    }
  }

  private static LockLeadership replica(String url, String name, Told told) {
    return new LockLeadership(
        () -> DriverManager.getConnection(url, "postgres", ""), name, Duration.ofMillis(100), told);
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void oneLeadsAStopHandsOverAndADeadSessionLosesTheLead() throws Exception {
    String url = server.newDatabase();
    Told toldA = new Told();
    Told toldB = new Told();
    LockLeadership a = replica(url, "a", toldA);
    LockLeadership b = replica(url, "b", toldB);
    try {
      a.start();
      await("a leads", a::leader);
      b.start();
      Thread.sleep(500); // five tries of b
      assertThat(b.leader()).as("b never leads while a holds the lock").isFalse();

      a.close();
      assertThat(toldA.leading).isFalse();
      await("b takes over after a's stop", b::leader);
      assertThat(toldB.leading).isTrue();

      LockLeadership c = replica(url, "c", new Told());
      try {
        c.start();
        terminateLockHolder(url);
        await("b notices its session died", () -> !b.leader());
        await("c or b leads again", () -> c.leader() || b.leader());
        assertThat(c.leader() && b.leader()).as("two leaders at once").isFalse();
      } finally {
        c.close();
      }
    } finally {
      a.close();
      b.close();
    }
  }

  /** Ends the session that holds the advisory lock, as a crashed leader's would end. */
  private static void terminateLockHolder(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND granted")) {
      assertThat(r.next()).as("someone holds the lock").isTrue();
    }
  }
}
