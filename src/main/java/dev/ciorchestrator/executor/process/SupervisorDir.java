package dev.ciorchestrator.executor.process;

import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jgit.util.FileUtils;

/**
 * The folder a run's supervisor ({@code supervise.sh}) works in, and what it and the orchestrator
 * leave there: the only state of a run that survives the orchestrator. Every file is written whole
 * (a rename), so a reader sees it all or not at all.
 *
 * <ul>
 *   <li>{@code supervise.sh}: this run's copy of the supervisor; bash reads a script while it runs
 *       it, so a new release's script must never replace it under a running supervisor
 *   <li>{@code supervisor}, {@code job}: {@code <pid> <start ticks> <boot id>} of each ({@link
 *       ProcessIdentity}); the job leads its own session and process group
 *   <li>{@code exit}: {@code <exit code> <exited|timeout> <end, µs since the epoch>}, written last,
 *       once the job and its process group are gone
 *   <li>{@code timeout}: the job's timeout ({@code PT20M}), for the message after a restart
 *   <li>{@code on-timeout}: optional, run by the supervisor before it signals a timed-out job (a
 *       container is stopped through its engine, not by killing the engine's CLI)
 *   <li>notes of the orchestrator's own ({@link #writeNote}), such as why it stopped the run
 * </ul>
 */
public final class SupervisorDir {
  static final String SCRIPT = "supervise.sh";
  static final String SUPERVISOR = "supervisor";
  static final String JOB = "job";
  static final String EXIT = "exit";
  static final String ON_TIMEOUT = "on-timeout";
  static final String TIMEOUT = "timeout";
  static final String CANCEL = "cancel";
  static final String RESOURCE = "/dev/ciorchestrator/executor/process/supervise.sh";

  /**
   * How a job ended, as its supervisor recorded it.
   *
   * @param endedMicros when the supervisor saw the job end, in microseconds since the epoch; 0 if
   *     not recorded
   */
  public record Exit(int code, boolean timedOut, Duration elapsed, long endedMicros) {
    /** The job had ended before {@code epochMillis}: a stop decided then did not end it. */
    public boolean endedBefore(long epochMillis) {
      return endedMicros > 0 && endedMicros < epochMillis * 1000;
    }
  }

  /**
   * How long a supervisor may take to write its record after the orchestrator prepared its folder;
   * bash needs milliseconds, this allows for a machine under heavy load.
   */
  static final Duration STARTUP = Duration.ofSeconds(10);

  private final Path dir;

  public SupervisorDir(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  public Path path() {
    return dir;
  }

  public boolean exists() {
    return Files.isDirectory(dir);
  }

  /** Empties the folder (a leftover of an attempt that never started) and puts the script in. */
  void prepare(Duration timeout, List<String> onTimeout) throws IOException {
    delete();
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(TIMEOUT), timeout + "\n");
    try (InputStream script = SupervisorDir.class.getResourceAsStream(RESOURCE)) {
      if (script == null) {
        throw new IOException(RESOURCE + " is missing from the jar");
      }
      Files.write(dir.resolve(SCRIPT), script.readAllBytes());
    }
    if (!onTimeout.isEmpty()) {
      Files.writeString(dir.resolve(ON_TIMEOUT), shellWords(onTimeout) + "\n");
    }
  }

  Path script() {
    return dir.resolve(SCRIPT);
  }

  public Optional<ProcessIdentity> supervisor() {
    return read(SUPERVISOR).flatMap(ProcessIdentity::parse);
  }

  public Optional<ProcessIdentity> job() {
    return read(JOB).flatMap(ProcessIdentity::parse);
  }

  /** The job's end, once its supervisor recorded it; empty before, or if the file is garbled. */
  public Optional<Exit> exit() {
    Optional<String> line = read(EXIT);
    if (line.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = line.get().strip().split(" ");
    try {
      boolean timedOut = parts.length > 1 && "timeout".equals(parts[1]);
      long ended = parts.length > 2 ? Long.parseLong(parts[2]) : 0;
      return Optional.of(new Exit(Integer.parseInt(parts[0]), timedOut, elapsed(), ended));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * No supervisor record yet, but the folder was prepared less than {@link #STARTUP} ago: its
   * supervisor may be starting still, and would then start the job.
   */
  boolean mayStillBeStarting() {
    try {
      FileTime prepared = Files.getLastModifiedTime(dir.resolve(TIMEOUT));
      return System.currentTimeMillis() - prepared.toMillis() < STARTUP.toMillis();
    } catch (IOException e) {
      return false; // not even prepared: nothing was started from it
    }
  }

  /** The job's timeout, as the orchestrator that started it wrote it. */
  Optional<Duration> timeout() {
    try {
      return read(TIMEOUT).map(t -> Duration.parse(t.strip()));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * When the note {@code name} was written, in milliseconds since the epoch; 0 if there is none.
   */
  public long noteWritten(String name) {
    try {
      return Files.getLastModifiedTime(dir.resolve(name)).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /** From the supervisor's record to the exit's: how long the job ran, as far as files tell. */
  private Duration elapsed() {
    try {
      FileTime start = Files.getLastModifiedTime(dir.resolve(SUPERVISOR));
      FileTime end = Files.getLastModifiedTime(dir.resolve(EXIT));
      return Duration.ofMillis(Math.max(0, end.toMillis() - start.toMillis()));
    } catch (IOException e) {
      return Duration.ZERO;
    }
  }

  /**
   * Asks the supervisor not to start the job if it has not yet: a stop that came while the job was
   * being started finds no process to signal, and the job checks this once it has recorded itself.
   */
  void requestStop() {
    try {
      AtomicFiles.replace(dir.resolve(CANCEL), new byte[0]);
    } catch (IOException e) {
      // a folder gone or unwritable: the signals of the stop that follows must do
    }
  }

  /** Keeps {@code text} under {@code name} (a note of the orchestrator's), replacing it whole. */
  public void writeNote(String name, String text) throws IOException {
    AtomicFiles.replace(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }

  public Optional<String> readNote(String name) {
    return read(name);
  }

  /** Removes the folder: the run's end is stored, nothing here is needed any more. */
  public void delete() throws IOException {
    FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
  }

  private Optional<String> read(String name) {
    try {
      return Optional.of(Files.readString(dir.resolve(name)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // unreadable is as good as missing: the caller decides from the rest
    }
  }

  /** Each word single-quoted for sh: {@code it's} becomes {@code 'it'\''s'}. */
  static String shellWords(List<String> words) {
    return words.stream()
        .map(w -> "'" + w.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
