package dev.ciorchestrator.runtime;

import dev.ciorchestrator.demo.DemoRepos;
import dev.ciorchestrator.forge.local.LocalForgeSettings;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Seeds the embedded forge with the demo repositories on first start ({@code ci.demo.enabled}). A
 * missing {@code examples/} folder (the jar started elsewhere) or a failed seed is logged, not
 * fatal: the service is useful without its demo.
 */
@ApplicationScoped
public class DemoSetup {
  private static final Logger LOG = Logger.getLogger(DemoSetup.class);

  private final DemoSettings settings;
  private final LocalForgeSettings forge;
  private final LocalForgeStore store;
  private final Clock clock;

  @Inject
  public DemoSetup(
      DemoSettings settings, LocalForgeSettings forge, LocalForgeStore store, Clock clock) {
    this.settings = settings;
    this.forge = forge;
    this.store = store;
    this.clock = clock;
  }

  void ensure() {
    if (!settings.enabled()) {
      return;
    }
    if (!Files.isDirectory(settings.examplesDir())) {
      LOG.warnf(
          "demo skipped: no examples folder at %s (start the service from the checkout, or set"
              + " ci.demo.enabled=false)",
          settings.examplesDir().toAbsolutePath());
      return;
    }
    try {
      DemoRepos.Result result =
          DemoRepos.create(settings.examplesDir(), forge.reposDir(), store, clock);
      LOG.info(result.describe());
    } catch (IOException | RuntimeException e) {
      LOG.errorf(e, "demo setup failed; the service runs without it");
    }
  }
}
