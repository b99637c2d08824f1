package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.forge.local.UserTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Browser sessions of the embedded forge's users, as a signed cookie value: {@code
 * <login>.<expiry>.<signature>}, the signature an HMAC keyed with the digest of the user's own
 * token ({@link UserTokens#sign}). Nothing is stored on the server, so every replica with the same
 * tokens accepts the session, and a new token for the user ends all of their sessions. The raw
 * token is only ever in the login form's POST body.
 *
 * <p>A form's CSRF token is an HMAC of the session cookie under the same key: a page of this
 * service can show it, another site can neither read nor compute it.
 */
final class Sessions {
  private static final Pattern COOKIE =
      Pattern.compile("([A-Za-z0-9_-]{1,100})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserTokens tokens;
  private final Clock clock;
  private final Duration ttl;

  Sessions(UserTokens tokens, Clock clock, Duration ttl) {
    this.tokens = tokens;
    this.clock = clock;
    this.ttl = ttl;
  }

  Duration ttl() {
    return ttl;
  }

  /** A session of {@code login}, who must have a token. */
  String issue(String login) {
    long expiry = clock.instant().plus(ttl).getEpochSecond();
    String payload = B64.encodeToString(login.getBytes(StandardCharsets.UTF_8)) + "." + expiry;
    return payload + "." + B64.encodeToString(mac(login, "session", payload).orElseThrow());
  }

  /** The login of a well-formed, correctly signed, unexpired session cookie. */
  Optional<String> verify(String cookie) {
    if (cookie == null) {
      return Optional.empty();
    }
    var m = COOKIE.matcher(cookie);
    if (!m.matches()) {
      return Optional.empty();
    }
    String login;
    byte[] presented;
    try {
      login = new String(UNB64.decode(m.group(1)), StandardCharsets.UTF_8);
      presented = UNB64.decode(m.group(3));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not base64 after all (a length no encoder makes)
    }
    long expiry = Long.parseLong(m.group(2));
    if (clock.instant().getEpochSecond() >= expiry) {
      return Optional.empty();
    }
    Optional<byte[]> expected = mac(login, "session", m.group(1) + "." + m.group(2));
    return expected.filter(e -> MessageDigest.isEqual(e, presented)).map(e -> login);
  }

  /** The CSRF token of the forms shown in session {@code cookie} (already verified). */
  String csrf(String login, String cookie) {
    return B64.encodeToString(mac(login, "csrf", cookie).orElseThrow());
  }

  /** Whether {@code presented} is the CSRF token of {@code cookie}; constant time. */
  boolean csrfMatches(String login, String cookie, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            csrf(login, cookie).getBytes(StandardCharsets.US_ASCII),
            presented.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh random value for the login form's double-submit cookie. */
  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return B64.encodeToString(bytes);
  }

  /** Two strings equal in constant time (for the double-submit check). */
  static boolean same(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  // The purpose is part of the message, so a session signature is never a valid CSRF token.
  private Optional<byte[]> mac(String login, String purpose, String message) {
    return tokens.sign(
        login, ("ci-orchestrator/" + purpose + "\n" + message).getBytes(StandardCharsets.UTF_8));
  }
}
