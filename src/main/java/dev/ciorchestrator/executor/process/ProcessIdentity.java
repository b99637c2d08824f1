package dev.ciorchestrator.executor.process;

import java.util.Optional;

/**
 * One process, told apart from any later process that gets the same pid: its pid, its start time
 * (clock ticks since boot, field 22 of {@code /proc/<pid>/stat}) and the boot it started in. A pid
 * is reused, a (pid, start time, boot id) never is.
 *
 * @param pid also the process group of a job, which leads a session of its own
 */
public record ProcessIdentity(long pid, long startTicks, String bootId) {
  /** The line a supervisor writes: {@code <pid> <start ticks> <boot id>}; empty if malformed. */
  public static Optional<ProcessIdentity> parse(String line) {
    String[] parts = line.strip().split(" ");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ProcessIdentity(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The same process still runs: same boot, same start time, and not a zombie. */
  public boolean alive() {
    if (!bootId.equals(ProcFs.bootId())) {
      return false; // the machine restarted since: whatever has this pid now is someone else
    }
    return ProcFs.stat(pid).filter(s -> s.startTicks() == startTicks && !s.zombie()).isPresent();
  }

  /** A handle to signal it, if it is still this process. */
  public Optional<ProcessHandle> handle() {
    // ProcessHandle remembers the start time it saw and checks it again before every signal
    return alive() ? ProcessHandle.of(pid) : Optional.empty();
  }
}
