package dev.ciorchestrator.config.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/** The shapes of names in config files: jobs, policies, repositories, environment variables. */
public final class Names {
  /** A Kubernetes label value and DNS label, since job names end up in both. */
  private static final Pattern JOB_OR_POLICY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /**
   * {@code owner/name}, with more segments for GitLab subgroups: the characters GitHub, GitLab and
   * Gitea all allow. A segment may not start with {@code -} (a Git option when passed on) nor be
   * {@code .} or {@code ..} (no forge allows them, and a forge that keeps repositories in folders
   * would leave its folder).
   */
  private static final Pattern SEGMENT =
      Pattern.compile("(?!\\.{1,2}(?:/|$))[A-Za-z0-9_.][A-Za-z0-9_.-]*");

  private static final Pattern REPOSITORY = Pattern.compile(SEGMENT + "(/" + SEGMENT + ")+");

  /** GitLab's limit for a whole path; GitHub allows less. */
  private static final int REPOSITORY_MAX = 255;

  /** The id of a forge connection in the deployment settings, also used in metric labels. */
  private static final Pattern FORGE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private static final Pattern SECRET = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Names() {}

  /** Why {@code name} is not a valid job or policy name, if it is not. */
  public static Optional<String> jobOrPolicyProblem(String name) {
    return problem(
        JOB_OR_POLICY,
        name,
        "invalid name '%s': use 1-63 lowercase letters, digits and '-', starting with a letter or"
            + " digit");
  }

  public static Optional<String> repositoryProblem(String name) {
    if (name.length() > REPOSITORY_MAX) {
      return Optional.of(
          "invalid repository name: %d characters, at most %d allowed"
              .formatted(name.length(), REPOSITORY_MAX));
    }
    return problem(
        REPOSITORY,
        name,
        "invalid repository name '%s': use owner/name as the forge knows it (letters, digits, '_',"
            + " '.', '-'; no segment '.' or '..', none starting with '-')");
  }

  public static Optional<String> forgeProblem(String id) {
    return problem(
        FORGE,
        id,
        "invalid forge id '%s': name a forge connection of the deployment settings (lowercase"
            + " letters, digits and '-', like local or github)");
  }

  public static Optional<String> envVarProblem(String name) {
    return problem(
        ENV_VAR,
        name,
        "invalid environment variable name '%s': use letters, digits and '_', not starting with a"
            + " digit");
  }

  /** A callback's secret names a deployment setting {@code ci.callbacks.secrets.<name>}. */
  public static Optional<String> secretProblem(String name) {
    return problem(
        SECRET,
        name,
        "invalid secret name '%s': name a secret of the deployment settings"
            + " (ci.callbacks.secrets.<name>; lowercase letters, digits and '-')");
  }

  private static Optional<String> problem(Pattern shape, String value, String message) {
    return shape.matcher(value).matches()
        ? Optional.empty()
        : Optional.of(message.formatted(value));
  }
}
