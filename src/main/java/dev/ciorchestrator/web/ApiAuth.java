package dev.ciorchestrator.web;

import dev.ciorchestrator.forge.local.UserTokens;
import dev.ciorchestrator.web.ApiAccessSettings.Reads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a request acts as, judged from its method, raw path and {@code Authorization} header alone: a
 * write (any method but GET, HEAD, OPTIONS) needs {@code Authorization: Bearer <token>} of a user
 * of the embedded forge, on every path but the forge webhooks ({@code /hooks/<forge>}, signed by
 * their forge instead) and a Kubernetes run's uploads ({@code /api/v1/runs/<id>/upload/...}, which
 * carry that run's own token, checked by {@link RunUploadResource}; so do its reads of its upstream
 * artifacts, {@link RunUpstreamResource}). Reads need one only with {@code ci.api.reads=token}, and
 * never for {@code /q/...} (health, metrics). A token that is sent is always checked, so a wrong
 * one is never silently ignored. Asked twice per request with a body: by the intake before the body
 * is read, and by {@link ApiAuthFilter} for every request.
 *
 * <p>The web UI's pages and forms ({@link UiPaths}) are not the API's: a browser carries a session
 * cookie, not a bearer token, and the UI's own filter checks it (and every form's CSRF token).
 *
 * <p>The exemptions match the raw path whole: a path with {@code ..} or an encoded character is
 * never exempt, so no spelling of a route gets past this check.
 */
@ApplicationScoped
public class ApiAuth {
  static final String FIELD = HttpHeaders.AUTHORIZATION;
  static final String CHALLENGE = "Bearer realm=\"ci-orchestrator\"";
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Pattern HOOK = Pattern.compile("/hooks/[a-z0-9-]+");
  private static final Pattern PROBE = Pattern.compile("/q/[a-z0-9/-]*");

  private final UserTokens tokens;
  private final ApiAccessSettings access;

  /** The request's user, if it sent a valid token; a refusal if it may not pass. */
  public record Verdict(Optional<String> login, Optional<ApiException> refusal) {
    static final Verdict ANONYMOUS = new Verdict(Optional.empty(), Optional.empty());

    static Verdict refused(ApiException e) {
      return new Verdict(Optional.empty(), Optional.of(e));
    }
  }

  @Inject
  public ApiAuth(UserTokens tokens, ApiAccessSettings access) {
    this.tokens = tokens;
    this.access = access;
  }

  public Verdict judge(String method, String rawPath, String authorization) {
    if (UiPaths.owns(rawPath)) {
      return Verdict.ANONYMOUS;
    }
    boolean write = !READS.contains(method.toUpperCase(Locale.ROOT));
    if (write
        ? HOOK.matcher(rawPath).matches() || UploadIntake.PATH.matcher(rawPath).matches()
        : PROBE.matcher(rawPath).matches() || RunUpstreamResource.PATH.matcher(rawPath).matches()) {
      return Verdict.ANONYMOUS;
    }
    if (authorization == null) {
      boolean needed = write || access.reads() == Reads.TOKEN;
      if (!needed) {
        return Verdict.ANONYMOUS;
      }
      return Verdict.refused(tokens.logins().isEmpty() ? noUsers() : missing());
    }
    Optional<String> token = token(authorization);
    if (token.isEmpty()) {
      return Verdict.refused(unauthorized("the Authorization header must be 'Bearer <token>'"));
    }
    Optional<String> login = tokens.login(token.get());
    if (login.isEmpty()) {
      return Verdict.refused(
          tokens.logins().isEmpty()
              ? noUsers()
              : unauthorized(
                  "the token in the Authorization header is not the token of any user of this"
                      + " forge"));
    }
    return new Verdict(login, Optional.empty());
  }

  /** The answer to a request that needed a token and had none. */
  static ApiException missing() {
    return unauthorized(
        "this request needs a user's token: send 'Authorization: Bearer <token>' (the CLI:"
            + " CI_ORCHESTRATOR_TOKEN or --token; a user's token is ci.forge.local.tokens.<user>,"
            + " or the file <user> in ci.forge.local.tokens-dir, .ci-orchestrator/tokens by"
            + " default)");
  }

  private static ApiException noUsers() {
    return unauthorized(
        "no user of this forge has a token: set ci.forge.local.users (each user gets one"
            + " generated) or ci.forge.local.tokens.<user>");
  }

  private static ApiException unauthorized(String error) {
    return new ApiException(Status.UNAUTHORIZED, error, FIELD);
  }

  private static Optional<String> token(String header) {
    String[] parts = header.strip().split(" +");
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parts[1]);
  }
}
