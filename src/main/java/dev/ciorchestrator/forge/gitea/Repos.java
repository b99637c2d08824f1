package dev.ciorchestrator.forge.gitea;

import java.util.regex.Pattern;

/** Gitea repository names ({@code owner/name}) as the API's paths take them. */
final class Repos {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  private Repos() {}

  /** {@code /repos/owner/name}. */
  static String of(String repo) {
    check(repo);
    return "/repos/" + repo;
  }

  static void check(String repo) {
    if (!NAME.matcher(repo).matches() || repo.contains("..")) {
      throw new IllegalArgumentException("not a Gitea repository (owner/name): '" + repo + "'");
    }
  }
}
