package dev.ciorchestrator.forge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Who may act on the embedded forge, and with which token: every login of {@code
 * ci.forge.local.users} and every login with a {@code ci.forge.local.tokens.<login>} setting. A
 * user without a token in the settings gets one generated into {@code ci.forge.local.tokens-dir}
 * ({@link TokenFiles}). Logins are compared in lower case, as forges do.
 */
final class Accounts {
  private static final Logger LOG = Logger.getLogger(Accounts.class);
  // A login becomes a file name: no separators, no dot first (never "." or "..").
  private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  private Accounts() {}

  /**
   * @throws IllegalArgumentException naming the setting when a login or token is unusable
   * @throws UncheckedIOException naming the file when a token file cannot be made or read
   */
  static UserTokens load(LocalForgeSettings settings) {
    String bot = settings.bot().strip().toLowerCase(Locale.ROOT);
    Map<String, String> tokens = new TreeMap<>();
    settings
        .tokens()
        .forEach(
            (login, token) ->
                tokens.put(
                    login(login, bot, "ci.forge.local.tokens." + login), token(login, token)));
    Set<String> generated = new TreeSet<>();
    for (String user : settings.users().orElse(List.of())) {
      String login = login(user, bot, "ci.forge.local.users");
      if (!tokens.containsKey(login)) {
        generated.add(login);
      }
    }
    try {
      TokenFiles.Loaded files = TokenFiles.load(settings.tokensDir(), generated);
      tokens.putAll(files.tokens());
      if (!files.created().isEmpty()) {
        // The folder, never a token: the log may be shared or collected.
        LOG.infof(
            "API tokens generated for %s: one file per user in %s, readable only by this account."
                + " Send one as 'Authorization: Bearer <token>' (the CLI: CI_ORCHESTRATOR_TOKEN or"
                + " --token)",
            String.join(", ", files.created()), settings.tokensDir().toAbsolutePath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot make or read the API tokens (ci.forge.local.tokens-dir): " + e.getMessage(), e);
    }
    return UserTokens.of(tokens);
  }

  private static String login(String name, String bot, String setting) {
    String login = name.strip().toLowerCase(Locale.ROOT);
    if (!LOGIN.matcher(login).matches()) {
      throw new IllegalArgumentException(
          setting + ": '" + name + "' is not a login (letters, digits, '.', '_', '-')");
    }
    if (login.equals(bot)) {
      throw new IllegalArgumentException(
          setting
              + ": "
              + name
              + " is the orchestrator's own login (ci.forge.local.bot); nobody may act as it");
    }
    return login;
  }

  private static String token(String login, String token) {
    if (token == null
        || token.isBlank()
        || token.strip().chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "ci.forge.local.tokens." + login + " must be one word without spaces");
    }
    return token.strip();
  }
}
