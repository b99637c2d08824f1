package dev.ciorchestrator.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may act on the local forge ({@code ci.forge.local.users}). Nobody may act as the
 * orchestrator's own login: its comments are never read as commands, so a person posting as it
 * would be silently ignored.
 */
final class KnownUsers {
  private final String bot;
  private final Optional<Set<String>> users;

  KnownUsers(String bot, Optional<List<String>> users) {
    this.bot = bot;
    this.users =
        users.map(
            list ->
                list.stream()
                    .map(u -> u.strip().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet()));
  }

  /** Returns {@code author} if it may act, else a 400 naming {@code author}. */
  String require(String author) {
    String login = author.strip().toLowerCase(Locale.ROOT);
    if (login.equals(bot.toLowerCase(Locale.ROOT))) {
      throw ApiException.badRequest(
          "author " + author + " is the orchestrator's own login", "author");
    }
    if (users.isPresent() && !users.get().contains(login)) {
      throw ApiException.badRequest(
          "author "
              + author
              + " is not a user of this forge (ci.forge.local.users: "
              + users.get().stream().sorted().collect(Collectors.joining(", "))
              + ")",
          "author");
    }
    return author;
  }
}
