package dev.ciorchestrator.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** The demo the embedded default starts with ({@code ci.demo.*}). */
@ConfigMapping(prefix = "ci.demo")
public interface DemoSettings {
  /** Create the demo repositories and their change on first start. */
  @WithDefault("true")
  boolean enabled();

  /** Where the example projects are ({@code hello-go/}, {@code hello-c/}). */
  @WithDefault("examples")
  Path examplesDir();
}
