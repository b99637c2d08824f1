package dev.ciorchestrator.run.postgres;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Copies the log files of the runs this replica executes into {@link PostgresRunLogs} as they grow,
 * so every replica can read and follow them: jobs keep writing plain files (a supervised process
 * must not depend on the service), and this ships what is new every {@link #PERIOD_MILLIS}, and the
 * rest once the run is over. It continues from what the database already has, so a run adopted
 * after a restart is not shipped twice.
 */
public final class LogShipper implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LogShipper.class);
  static final long PERIOD_MILLIS = 500;

  /** At most this much per run per round, so one chatty job cannot hold up the others. */
  static final int ROUND_BYTES = 1 << 20;

  private final Function<String, Path> logFile;
  private final PostgresRunLogs logs;
  private final Map<String, Long> shipped = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "log-shipper");
            t.setDaemon(true);
            return t;
          });

  public LogShipper(Function<String, Path> logFile, PostgresRunLogs logs) {
    this.logFile = logFile;
    this.logs = logs;
  }

  public LogShipper start() {
    timer.scheduleWithFixedDelay(this::round, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Told of every run change of this replica's executors. */
  public void changed(RunRecord run) {
    if (run.state() == RunState.RUNNING) {
      shipped.putIfAbsent(run.id(), -1L);
    } else if (run.state().terminal()) {
      shipped.putIfAbsent(run.id(), -1L);
      timer.execute(() -> finish(run.id()));
    }
  }

  private void round() {
    for (String id : shipped.keySet()) {
      try {
        ship(id, ROUND_BYTES);
      } catch (IOException | RuntimeException e) {
        LOG.warnf("cannot ship the log of %s yet: %s", id, e.getMessage()); // next round retries
      }
    }
  }

  private void finish(String id) {
    try {
      flush(id);
      shipped.remove(id);
    } catch (IOException | RuntimeException e) {
      LOG.warnf("cannot ship the end of the log of %s yet: %s", id, e.getMessage());
      timer.schedule(() -> finish(id), PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Ships everything the run's file holds now, on the caller's thread: the store calls it before it
   * records the run as over ({@link PostgresRunStore#beforeEnd}).
   */
  public void flush(String id) throws IOException {
    while (ship(id, ROUND_BYTES) > 0) {
      // until the file's end
    }
  }

  /**
   * Ships up to {@code max} new bytes of the run's log; how many it shipped. One at a time: the
   * timer and a flush must not both append the same bytes.
   */
  synchronized int ship(String id, int max) throws IOException {
    long from = shipped.getOrDefault(id, -1L);
    if (from < 0) {
      from = logs.shippedBytes(id);
    }
    byte[] bytes = readFrom(logFile.apply(id), from, max);
    if (bytes.length > 0) {
      logs.append(id, bytes);
    }
    shipped.replace(id, from + bytes.length);
    return bytes.length;
  }

  private static byte[] readFrom(Path file, long offset, int max) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long available = channel.size() - offset;
      if (available <= 0) {
        return new byte[0];
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(max, available));
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // a read may return fewer bytes than are there
      }
      return Arrays.copyOf(buffer.array(), buffer.position());
    } catch (NoSuchFileException e) {
      return new byte[0]; // not written yet
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
