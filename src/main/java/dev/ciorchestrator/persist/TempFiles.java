package dev.ciorchestrator.persist;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files of {@link AtomicFiles}: {@code .tmp-<pid>-<start>-<random>.part}, where pid
 * and start time (epoch ms) name the writing process. A pid alone is not enough: in a container the
 * service is pid 1 after every restart.
 */
final class TempFiles {
  static final String SUFFIX = ".part";

  /** A writer of an older version, whose name says no owner, is done after this long. */
  static final Duration UNOWNED_GRACE = Duration.ofMinutes(10);

  private static final System.Logger LOG = System.getLogger(AtomicFiles.class.getName());
  private static final Pattern OWNED =
      Pattern.compile(
          Pattern.quote(AtomicFiles.TEMP_PREFIX) + "(\\d{1,18})-(\\d{1,18})-\\d+\\.part");
  private static final String PREFIX = AtomicFiles.TEMP_PREFIX + owner(ProcessHandle.current());
  private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

  private TempFiles() {}

  /** The prefix of this process's temporary files. */
  static String prefix() {
    return PREFIX;
  }

  /** Sweeps {@code folder} the first time this process writes into it. */
  static void sweepOnce(Path folder) {
    if (SWEPT.add(folder)) {
      try {
        sweep(folder);
      } catch (IOException e) {
        // leftovers cost only disk space; the write that asked must not fail for them
        LOG.log(Level.WARNING, "cannot sweep leftover temporary files in " + folder, e);
      }
    }
  }

  static int sweep(Path folder) throws IOException {
    SWEPT.add(folder);
    int deleted = 0;
    Instant now = Instant.now();
    try (DirectoryStream<Path> temps =
        Files.newDirectoryStream(folder, AtomicFiles.TEMP_PREFIX + "*" + SUFFIX)) {
      for (Path temp : temps) {
        if (abandoned(temp, now) && Files.deleteIfExists(temp)) {
          deleted++;
        }
      }
    } catch (NoSuchFileException e) {
      return 0; // nothing was ever written there
    }
    return deleted;
  }

  private static boolean abandoned(Path temp, Instant now) throws IOException {
    Matcher name = OWNED.matcher(temp.getFileName().toString());
    if (!name.matches()) {
      return Files.getLastModifiedTime(temp).toInstant().plus(UNOWNED_GRACE).isBefore(now);
    }
    Optional<ProcessHandle> writer = ProcessHandle.of(Long.parseLong(name.group(1)));
    if (writer.isEmpty()) {
      return true;
    }
    // a live process with that pid is the writer unless it started at another time (pid reuse)
    long started = Long.parseLong(name.group(2));
    Optional<Instant> start = writer.get().info().startInstant();
    return started != 0 && start.isPresent() && start.get().toEpochMilli() != started;
  }

  private static String owner(ProcessHandle process) {
    long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return process.pid() + "-" + start + "-";
  }
}
