package dev.ciorchestrator.executor.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What Linux's {@code /proc} tells about processes, read the way the run supervisor ({@code
 * supervise.sh}) writes it, so both sides mean the same process by the same numbers.
 */
public final class ProcFs {
  private static final Path PROC = Path.of("/proc");
  private static final int MAX_ENVIRON = 1 << 20;
  private static volatile String bootId;

  /**
   * @param state one letter: R, S, D, Z (zombie: ended, waiting to be reaped), T ...
   * @param pgrp the process group
   * @param startTicks field 22: clock ticks after boot at which it started
   */
  public record Stat(long pid, char state, long ppid, long pgrp, long session, long startTicks) {
    public boolean zombie() {
      return state == 'Z' || state == 'X';
    }
  }

  private ProcFs() {}

  /** This boot's id; a pid recorded under another one belongs to no process of ours. */
  public static String bootId() {
    String id = bootId;
    if (id == null) {
      try {
        id = Files.readString(PROC.resolve("sys/kernel/random/boot_id")).strip();
      } catch (IOException e) {
        id = "unknown"; // no /proc (not Linux): nothing recorded can be found again either
      }
      bootId = id;
    }
    return id;
  }

  /** The process's stat line, parsed; empty if there is no such process (or no /proc). */
  public static Optional<Stat> stat(long pid) {
    try {
      return Optional.ofNullable(parse(pid, Files.readString(PROC.resolve(pid + "/stat"))));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * "pid (comm) S ppid pgrp session ..." where comm may hold spaces and parentheses: the fields are
   * counted after its last ')'.
   */
  static Stat parse(long pid, String line) {
    int end = line.lastIndexOf(')');
    if (end < 0 || end + 2 >= line.length()) {
      return null;
    }
    String[] f = line.substring(end + 2).strip().split(" ");
    if (f.length < 20) {
      return null;
    }
    try {
      return new Stat(
          pid,
          f[0].charAt(0),
          Long.parseLong(f[1]),
          Long.parseLong(f[2]),
          Long.parseLong(f[3]),
          Long.parseLong(f[19]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The pids of every process now (but this JVM), in no particular order. */
  public static List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
          long pid = Long.parseLong(name);
          if (pid != self) {
            pids.add(pid);
          }
        }
      }
    } catch (IOException e) {
      return List.of(); // no /proc: nothing to find
    }
    return pids;
  }

  /**
   * Whether {@code pid}'s environment holds exactly {@code name=value}. A process of another user
   * (unreadable), or one that ended meanwhile, does not.
   */
  public static boolean hasVariable(long pid, String name, String value) {
    byte[] wanted = (name + "=" + value + "\0").getBytes(StandardCharsets.UTF_8);
    byte[] environ;
    try (InputStream in = Files.newInputStream(PROC.resolve(pid + "/environ"))) {
      environ = in.readNBytes(MAX_ENVIRON);
    } catch (IOException e) {
      return false;
    }
    for (int at = 0; at + wanted.length <= environ.length; ) {
      if (Arrays.equals(environ, at, at + wanted.length, wanted, 0, wanted.length)) {
        return true;
      }
      int next = indexOf(environ, (byte) 0, at);
      if (next < 0) {
        return false;
      }
      at = next + 1;
    }
    return false;
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
