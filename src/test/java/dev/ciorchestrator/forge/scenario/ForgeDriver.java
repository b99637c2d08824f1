package dev.ciorchestrator.forge.scenario;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.forge.Forge;
import java.util.List;
import java.util.Map;

/**
 * What a scenario does on a forge the way a person would (open a change, comment) and reads back
 * the way a person sees it (statuses, labels, merges), whatever the forge: one for each forge's
 * fake, so one scenario runs unchanged on all of them.
 */
interface ForgeDriver extends AutoCloseable {
  /** The connection id the config's {@code forge:} names. */
  String id();

  /** The adapter (or local forge) for {@code config}, as the service would build it. */
  Forge forge(ConfigSnapshot config);

  /** Opens a change from {@code feature} into {@code main} by {@code author}; its number. */
  long open(String author) throws Exception;

  /** The head of the opened change. */
  String head();

  void comment(long change, String login, String body) throws Exception;

  /**
   * The newest state of each status context on {@code sha}, as {@code CommitStatus.State} names.
   */
  Map<String, String> statuses(String sha);

  List<String> labels(long change);

  /** The heads merges were called with and succeeded for, in order. */
  List<String> mergedHeads();
}
