package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.ConfigLinks.Target;
import dev.ciorchestrator.config.model.ConfigFile;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Reads the config files of a plain folder, the counterpart of {@link GitTreeReader}. Symbolic
 * links are never walked through; each one is judged by {@link ConfigLinks} from where it really
 * leads, so nothing outside the folder is ever read, and a refused link becomes an error at its own
 * path.
 */
final class FolderReader extends SimpleFileVisitor<Path> {
  private final Path top;
  private final List<ConfigFile> files = new ArrayList<>();

  private FolderReader(Path top) {
    this.top = top;
  }

  /** Every config file under {@code root}, sorted by path relative to it. */
  static List<ConfigFile> read(Path root) throws IOException {
    // The folder itself may be a link (a mounted volume): the deployment chose it, so it counts.
    FolderReader reader = new FolderReader(root.toRealPath());
    Files.walkFileTree(
        reader.top, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, reader);
    reader.files.sort(Comparator.comparing(ConfigFile::path));
    return List.copyOf(reader.files);
  }

  @Override
  public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
    return !dir.equals(top) && hidden(dir)
        ? FileVisitResult.SKIP_SUBTREE
        : FileVisitResult.CONTINUE;
  }

  @Override
  public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
    if (hidden(file)) {
      return FileVisitResult.CONTINUE;
    }
    if (attrs.isSymbolicLink()) {
      link(file);
    } else if (attrs.isRegularFile() && ConfigPaths.isYaml(file)) {
      files.add(ConfigPaths.readFile(relative(file), file));
    }
    return FileVisitResult.CONTINUE;
  }

  private void link(Path link) throws IOException {
    String name = link.getFileName().toString();
    Optional<Path> real = realPath(link);
    Target target = real.map(FolderReader::kind).orElse(Target.NOWHERE);
    boolean inside = real.isPresent() && real.get().startsWith(top);
    Optional<String> refusal = ConfigLinks.refusal(name, target, inside);
    if (refusal.isPresent()) {
      files.add(ConfigFile.refused(relative(link), refusal.get()));
    } else if (ConfigLinks.followed(name, target, inside)) {
      files.add(ConfigPaths.readFile(relative(link), real.get()));
    }
  }

  private static Optional<Path> realPath(Path link) {
    try {
      return Optional.of(link.toRealPath());
    } catch (IOException e) {
      return Optional.empty(); // missing, a loop, or not allowed to look: leads nowhere
    }
  }

  private static Target kind(Path real) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
      return attrs.isDirectory()
          ? Target.FOLDER
          : attrs.isRegularFile() ? Target.REGULAR_FILE : Target.OTHER;
    } catch (IOException e) {
      return Target.NOWHERE;
    }
  }

  private String relative(Path file) {
    return top.relativize(file).toString().replace('\\', '/');
  }

  /** Walked one level at a time, so only the last segment is new; see {@link ConfigPaths}. */
  private static boolean hidden(Path path) {
    return path.getFileName().toString().startsWith(".");
  }
}
