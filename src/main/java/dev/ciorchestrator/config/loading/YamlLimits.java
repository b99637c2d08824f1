package dev.ciorchestrator.config.loading;

/**
 * Bounds on untrusted YAML, so an alias bomb, deep nesting or a huge file is refused fast with a
 * clear error instead of exhausting memory or stack.
 */
public final class YamlLimits {
  /**
   * A config file larger than this is refused unread. SnakeYAML's node graph costs about 150 bytes
   * per input byte and its reader copies its window for every 1 KiB of an unbroken token
   * (quadratic), so a 1 MiB file took seconds on a busy machine; 256 KiB is far above any real
   * config file (split big ones) and stays well under a second.
   */
  public static final int MAX_FILE_BYTES = 256 * 1024;

  public static final int MAX_ALIASES = 50;
  public static final int MAX_NESTING_DEPTH = 64;

  private YamlLimits() {}
}
