package dev.ciorchestrator.config.loading;

/**
 * Bounds on untrusted YAML, so an alias bomb, deep nesting or a huge file is refused fast with a
 * clear error instead of exhausting memory or stack.
 */
public final class YamlLimits {
  /** A config file larger than this is refused unread. */
  public static final int MAX_FILE_BYTES = 1024 * 1024;

  public static final int MAX_ALIASES = 50;
  public static final int MAX_NESTING_DEPTH = 64;

  private YamlLimits() {}
}
