package dev.ciorchestrator.executor.kubernetes;

import java.net.URI;
import java.util.Locale;

/**
 * One request to the API server as RBAC sees it: verb, API group, resource and subresource (e.g.
 * {@code get "" pods/log}). The integrator's Role grants exactly the set of these the executor's
 * tests record.
 */
public record ApiRequest(String verb, String group, String resource) {
  @Override
  public String toString() {
    return verb + " " + (group.isEmpty() ? "core" : group) + " " + resource;
  }

  /**
   * Parses {@code /api/v1/namespaces/ns/pods/name/log?container=run} and its method, or returns
   * null for paths that are no resource (discovery, version).
   */
  static ApiRequest of(String method, String pathAndQuery) {
    URI uri = URI.create(pathAndQuery);
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    String[] parts = uri.getPath().replaceAll("^/+", "").split("/");
    int i;
    String group;
    if (parts.length > 2 && parts[0].equals("api")) {
      group = "";
      i = 2;
    } else if (parts.length > 3 && parts[0].equals("apis")) {
      group = parts[1];
      i = 3;
    } else {
      return null;
    }
    if (i + 1 < parts.length && parts[i].equals("namespaces") && i + 2 < parts.length) {
      i += 2; // namespaced
    }
    if (i >= parts.length) {
      return null;
    }
    String resource = parts[i];
    boolean named = i + 1 < parts.length;
    String sub = i + 2 < parts.length ? "/" + parts[i + 2] : "";
    String verb =
        switch (method.toUpperCase(Locale.ROOT)) {
          case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> method.toLowerCase(Locale.ROOT);
        };
    return new ApiRequest(verb, group, resource + sub);
  }
}
