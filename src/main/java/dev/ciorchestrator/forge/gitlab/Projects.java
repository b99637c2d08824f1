package dev.ciorchestrator.forge.gitlab;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** GitLab project paths ({@code group/subgroup/project}) as the API takes them. */
final class Projects {
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");

  private Projects() {}

  /** {@code /projects/group%2Fproject}: the API's URL-encoded project path. */
  static String of(String repo) {
    check(repo);
    return "/projects/" + URLEncoder.encode(repo, StandardCharsets.UTF_8);
  }

  /** {@code /projects/<id>} of a project known by its number (a fork's). */
  static String of(long projectId) {
    return "/projects/" + projectId;
  }

  static void check(String repo) {
    if (!PATH.matcher(repo).matches() || repo.contains("..")) {
      throw new IllegalArgumentException(
          "not a GitLab project path (group/project): '" + repo + "'");
    }
  }

  /** A query parameter's value, encoded. */
  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
