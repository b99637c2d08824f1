package dev.ciorchestrator.config.recipes;

import dev.ciorchestrator.config.model.ConfigFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The recipes in the jar ({@code recipes/go/*.yaml}, {@code recipes/c/*.yaml}), read through the
 * index {@code recipes/INDEX} because a jar cannot be listed portably. A test checks that the index
 * names every recipe file.
 */
public final class ShippedRecipes {
  /**
   * The path prefix shipped files carry in error messages, so nobody looks for them in the repo.
   */
  public static final String PATH_PREFIX = "(shipped) recipes/";

  private static final String ROOT = "/recipes/";
  private static final List<ConfigFile> FILES = read();

  private ShippedRecipes() {}

  public static List<ConfigFile> files() {
    return FILES;
  }

  private static List<ConfigFile> read() {
    List<ConfigFile> files = new ArrayList<>();
    for (String line : new String(bytes("INDEX"), StandardCharsets.UTF_8).split("\n")) {
      String path = line.strip();
      if (!path.isEmpty() && !path.startsWith("#")) {
        files.add(new ConfigFile(PATH_PREFIX + path, "shipped:" + path, bytes(path)));
      }
    }
    return List.copyOf(files);
  }

  private static byte[] bytes(String path) {
    try (InputStream in = ShippedRecipes.class.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalStateException("shipped recipe file missing from the jar: " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
