package dev.ciorchestrator.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file's permission bits as the number {@code chmod} takes ({@code 0755}), read from and written
 * to a file. A file system without POSIX permissions reads as a plain file and is left as it is.
 */
public final class FileModes {
  // PosixFilePermission's order is OWNER_READ .. OTHERS_EXECUTE, the bits 0400 .. 0001
  private static final PosixFilePermission[] BITS = PosixFilePermission.values();

  private FileModes() {}

  /** The permission bits of {@code file} (its target, if it is a link). */
  public static int of(Path file) throws IOException {
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
      return Manifest.Entry.DEFAULT_MODE;
    }
    return toInt(Files.getPosixFilePermissions(file));
  }

  /** Gives {@code file} the permission bits of {@code mode}; never follows a link. */
  public static void set(Path file, int mode) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view != null) {
      view.setPermissions(toSet(mode));
    }
  }

  static int toInt(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 0400 >> p.ordinal();
    }
    return mode;
  }

  static Set<PosixFilePermission> toSet(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : BITS) {
      if ((mode & (0400 >> p.ordinal())) != 0) {
        permissions.add(p);
      }
    }
    return permissions;
  }
}
