package dev.ciorchestrator.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.ignore.IgnoreNode;

/** Where the demo commits' files come from: an example folder, and the branches' edits. */
final class DemoFiles {
  private DemoFiles() {}

  /**
   * Every file of {@code dir}, sorted by path. The folder's own {@code .gitignore} is honoured, so
   * a {@code bin/} or {@code build/} left by running the example by hand never ends up committed.
   */
  static List<DemoFile> fromFolder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("example folder missing: " + dir.toAbsolutePath());
    }
    IgnoreNode ignore = new IgnoreNode();
    Path gitignore = dir.resolve(".gitignore");
    if (Files.isRegularFile(gitignore)) {
      try (InputStream in = Files.newInputStream(gitignore)) {
        ignore.parse(in);
      }
    }
    List<DemoFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String path =
            dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        if (!ignored(ignore, path)) {
          files.add(new DemoFile(path, Files.readAllBytes(file), Files.isExecutable(file)));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return files;
  }

  /** The edits of a demo branch, shipped in the jar beside this class: {@code <folder>/<path>}. */
  static List<DemoFile> fromResources(String folder, List<String> paths) throws IOException {
    List<DemoFile> files = new ArrayList<>();
    for (String path : paths) {
      String name = folder + "/" + path;
      try (InputStream in = DemoFiles.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IOException("demo resource missing: " + name);
        }
        files.add(new DemoFile(path, in.readAllBytes(), false));
      }
    }
    return files;
  }

  // A file is ignored when it or any folder above it matches; IgnoreNode judges one path only.
  private static boolean ignored(IgnoreNode ignore, String path) {
    String[] parts = path.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      prefix.append(i == 0 ? "" : "/").append(parts[i]);
      boolean directory = i < parts.length - 1;
      if (ignore.isIgnored(prefix.toString(), directory) == IgnoreNode.MatchResult.IGNORED) {
        return true;
      }
    }
    return path.equals(".git") || path.startsWith(".git/");
  }
}
