package dev.ciorchestrator.config.loading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The config corpus under {@code src/test/resources/config}, for any test that needs known-good or
 * known-bad revisions (e.g. committing each invalid case on top of the valid one and checking that
 * the last good snapshot keeps running). Each invalid case is a folder of YAML files plus {@code
 * expected.txt}: every error of loading that folder alone, one {@link
 * dev.ciorchestrator.config.model.ConfigError#format()} per line, in load order.
 */
public final class ConfigCorpus {
  public static final Path ROOT = Path.of("src/test/resources/config");
  public static final Path VALID = ROOT.resolve("valid");
  public static final Path INVALID = ROOT.resolve("invalid");

  private ConfigCorpus() {}

  /** Every invalid case folder, sorted by name ({@code 01-unknown-field}, ...). */
  public static List<Path> invalidCases() {
    try (Stream<Path> dirs = Files.list(INVALID)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> expectedErrors(Path invalidCase) {
    try {
      return Files.readAllLines(invalidCase.resolve("expected.txt"), StandardCharsets.UTF_8)
          .stream()
          .filter(line -> !line.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
