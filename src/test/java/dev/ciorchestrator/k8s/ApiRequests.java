package dev.ciorchestrator.k8s;

import dev.ciorchestrator.k8s.RoleRules.Permission;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a request to the Kubernetes API to the permission RBAC checks for it, as the API server's
 * request-info resolver does: the path gives the group, resource and subresource, the method (and
 * whether a name or {@code watch=true} is present) gives the verb.
 */
final class ApiRequests {
  // /api/v1/... or /apis/<group>/<version>/..., then optionally namespaces/<ns>/
  private static final Pattern PATH =
      Pattern.compile(
          "^/(?:api/v1|apis/(?<group>[^/]+)/[^/]+)(?:/namespaces/[^/]+)?"
              + "/(?<resource>[^/]+)(?:/(?<name>[^/]+)(?:/(?<sub>[^/]+))?)?$");

  private ApiRequests() {}

  static Permission permission(RecordedRequest request) {
    String full = request.getPath();
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    String query = q < 0 ? "" : full.substring(q + 1);
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a resource request: " + request.getMethod() + " " + full);
    }
    String group = m.group("group") == null ? "" : m.group("group");
    String resource = m.group("resource") + (m.group("sub") == null ? "" : "/" + m.group("sub"));
    boolean named = m.group("name") != null;
    return new Permission(group, resource, verb(request.getMethod(), named, query));
  }

  private static String verb(String method, boolean named, String query) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET" ->
          query.matches("(^|.*&)watch=(true|1)(&.*|$)") ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException("unexpected method " + method);
    };
  }
}
