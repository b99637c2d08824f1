package dev.ciorchestrator.web;

import dev.ciorchestrator.forge.local.UserTokens;
import dev.ciorchestrator.web.ApiAccessSettings.Reads;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every request before it is routed or its body read: a write (any method but GET,
 * HEAD, OPTIONS) needs {@code Authorization: Bearer <token>} of a user of the embedded forge, on
 * every path but the forge webhooks ({@code /hooks/<forge>}, signed by their forge instead). Reads
 * need one only with {@code ci.api.reads=token}, and never for {@code /q/...} (health, metrics). A
 * token that is sent is always checked, so a wrong one is never silently ignored.
 *
 * <p>The web UI's pages and forms ({@link UiPaths}) are not the API's: a browser carries a session
 * cookie, not a bearer token, and the UI's own filter checks it (and every form's CSRF token).
 *
 * <p>The exemptions match the raw path whole: a path with {@code ..} or an encoded character is
 * never exempt, so no spelling of a route gets past this filter.
 */
public class ApiAuthFilter {
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Pattern HOOK = Pattern.compile("/hooks/[a-z0-9-]+");
  private static final Pattern PROBE = Pattern.compile("/q/[a-z0-9/-]*");
  private static final String FIELD = HttpHeaders.AUTHORIZATION;
  private static final String CHALLENGE = "Bearer realm=\"ci-orchestrator\"";

  private final UserTokens tokens;
  private final ApiAccessSettings access;
  private final Caller caller;

  @Inject
  public ApiAuthFilter(UserTokens tokens, ApiAccessSettings access, Caller caller) {
    this.tokens = tokens;
    this.access = access;
    this.caller = caller;
  }

  /** Null lets the request through (with {@link Caller} set when it had a token). */
  @ServerRequestFilter(preMatching = true)
  public Response authenticate(ContainerRequestContext request) {
    String path = request.getUriInfo().getRequestUri().getRawPath();
    if (UiPaths.owns(path)) {
      return null;
    }
    boolean write = !READS.contains(request.getMethod().toUpperCase(Locale.ROOT));
    if (write ? HOOK.matcher(path).matches() : PROBE.matcher(path).matches()) {
      return null;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      boolean needed = write || access.reads() == Reads.TOKEN;
      return needed ? refuse(tokens.logins().isEmpty() ? noUsers() : missing()) : null;
    }
    Optional<String> token = token(header);
    if (token.isEmpty()) {
      return refuse(unauthorized("the Authorization header must be 'Bearer <token>'"));
    }
    Optional<String> login = tokens.login(token.get());
    if (login.isEmpty()) {
      return refuse(
          tokens.logins().isEmpty()
              ? noUsers()
              : unauthorized(
                  "the token in the Authorization header is not the token of any user of this"
                      + " forge"));
    }
    caller.authenticated(login.get());
    return null;
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

  private static Response refuse(ApiException e) {
    return Response.status(e.status())
        .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
        .type(MediaType.APPLICATION_JSON)
        .entity(e.body())
        .build();
  }
}
