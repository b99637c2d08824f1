package dev.ciorchestrator.config.loading;

import java.util.Optional;

/**
 * What a symbolic link under the config folder becomes, the same for a plain folder and a Git
 * commit, so what {@code validate} accepts on a checkout the service accepts at that commit. A link
 * is followed only to a regular file inside the config folder, read under the link's own name
 * (Kubernetes ConfigMap volumes are made of such links). A config-named link anywhere else, and a
 * link to a folder outside, is an error rather than skipped: a silently missing file could drop a
 * gate policy, while a failed load keeps the last good config running and says why. No message
 * quotes the target, neither its path nor its content.
 */
final class ConfigLinks {
  /** Where a link leads, found without reading the target's content. */
  enum Target {
    REGULAR_FILE,
    FOLDER,
    /** A device, pipe, socket or submodule. */
    OTHER,
    /** Missing, or a loop of links. */
    NOWHERE,
    /** Out of the Git repository, where the service must not look. */
    UNKNOWN
  }

  static final String OUTSIDE =
      "symbolic link out of the config folder: not followed (config files are read only from"
          + " inside the folder, and its target is not shown); copy the file into the folder";
  static final String FOLDER_OUTSIDE =
      "symbolic link to a folder out of the config folder: not followed, so no file in it is read"
          + " (its target is not shown); copy the files into the folder";
  static final String NOWHERE =
      "symbolic link that leads nowhere (its target is missing, or links form a loop): not read";
  static final String NOT_A_FILE =
      "symbolic link to something that is not a regular file: not read";

  private ConfigLinks() {}

  /**
   * The refusal for a link named {@code name} leading to {@code target}, or empty when the link is
   * followed (a config file inside) or skipped (not a config file, or a folder inside, whose files
   * are read where they are).
   */
  static Optional<String> refusal(String name, Target target, boolean inside) {
    boolean config = ConfigPaths.isYaml(name);
    String reason =
        switch (target) {
          case FOLDER -> inside ? null : FOLDER_OUTSIDE;
          case REGULAR_FILE -> !config || inside ? null : OUTSIDE;
          case OTHER -> !config ? null : inside ? NOT_A_FILE : OUTSIDE;
          case NOWHERE -> config ? NOWHERE : null;
          case UNKNOWN -> config ? OUTSIDE : null;
        };
    return Optional.ofNullable(reason);
  }

  /** Whether the link's target is read as a config file under the link's name. */
  static boolean followed(String name, Target target, boolean inside) {
    return target == Target.REGULAR_FILE && inside && ConfigPaths.isYaml(name);
  }
}
