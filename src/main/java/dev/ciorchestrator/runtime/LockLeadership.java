package dev.ciorchestrator.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Leader election without Kubernetes: the leader is whoever holds a PostgreSQL session advisory
 * lock on the shared store's database. The server releases the lock the moment the holder's session
 * ends, so a crashed or killed leader is replaced within one {@code retryPeriod} of its connection
 * closing; a leader checks its session every retry period and stops leading as soon as the check
 * fails (its lock may be gone). Writes stay safe across the gap: runs are created if absent and
 * moved by compare-and-set in the same database.
 */
public final class LockLeadership implements Election {
  private static final Logger LOG = Logger.getLogger(LockLeadership.class);

  /** The lock's key: "ci-orch" in ASCII, so it will not collide with an application's own. */
  static final long KEY = 0x63692d6f726368L;

  /** Opens a connection of its own, outside any pool: closing it must end the session. */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws SQLException;
  }

  private final Connector db;
  private final String identity;
  private final Duration retryPeriod;
  private final Leadership.Listener listener;
  private final ScheduledExecutorService timer;
  private Connection session; // only on the timer thread
  private volatile boolean leader;
  private volatile boolean closed;

  public LockLeadership(
      Connector db, String identity, Duration retryPeriod, Leadership.Listener listener) {
    this.db = db;
    this.identity = identity;
    this.retryPeriod = retryPeriod;
    this.listener = listener;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "leader-lock " + identity);
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void start() {
    timer.scheduleWithFixedDelay(this::round, 0, retryPeriod.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void round() {
    if (closed) {
      return;
    }
    try {
      if (session == null) {
        session = db.open();
        session.setAutoCommit(true);
      }
      if (!leader) {
        if (query("SELECT pg_try_advisory_lock(?)", true)) {
          startedLeading();
        }
      } else if (!query("SELECT ? > 0", true)) {
        throw new SQLException("the session check answered false");
      }
    } catch (SQLException | RuntimeException e) {
      if (leader) {
        LOG.warnf("%s lost its database session (%s): stops leading", identity, e.getMessage());
      }
      stoppedLeading();
      dropSession();
    }
  }

  private boolean query(String sql, boolean withKey) throws SQLException {
    try (PreparedStatement s = session.prepareStatement(sql)) {
      s.setQueryTimeout((int) Math.max(1, retryPeriod.toSeconds()));
      if (withKey) {
        s.setLong(1, KEY);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    }
  }

  private synchronized void startedLeading() {
    if (closed || leader) {
      return;
    }
    leader = true;
    LOG.infof("%s leads (%s): reconciling", identity, lease());
    listener.startedLeading();
  }

  private synchronized void stoppedLeading() {
    if (leader) {
      leader = false;
      LOG.infof("%s stopped leading (%s): reconciling paused", identity, lease());
    }
    listener.stoppedLeading();
  }

  private void dropSession() {
    if (session != null) {
      try {
        session.close(); // closing the session releases the lock on the server
      } catch (SQLException e) {
        LOG.debugf("closing the leader session: %s", e.getMessage());
      }
      session = null;
    }
  }

  @Override
  public boolean leader() {
    return leader;
  }

  @Override
  public String identity() {
    return identity;
  }

  @Override
  public String holder() {
    return leader ? identity : "";
  }

  @Override
  public String lease() {
    return "postgres advisory lock " + KEY;
  }

  /** Stops leading first, then ends the session, which hands the lock over at once. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    stoppedLeading();
    try {
      timer.submit(this::dropSession).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warnf("could not end the leader session cleanly: %s", e.getMessage());
    }
    timer.shutdownNow();
  }
}
