package dev.ciorchestrator.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Which API server failures are worth another try, and how to tell a person about each. Typed as
 * STYLE.md asks: a refusal (4xx) will not change by asking again; an outage (no answer, 5xx, 429)
 * may.
 */
final class ApiFailures {
  private ApiFailures() {}

  static boolean transientFailure(KubernetesClientException e) {
    int code = e.getCode();
    return code <= 0 || code == 429 || code >= 500; // <= 0: no answer at all
  }

  /** The run's error message when creating its Job failed for good. */
  static String describe(KubernetesClientException e, String namespace, int attempts) {
    int code = e.getCode();
    String detail = detail(e);
    if (code <= 0) {
      return "the Kubernetes API server could not be reached after %d attempts: %s"
          .formatted(attempts, detail);
    }
    return switch (code) {
      case 401 ->
          "the Kubernetes API server refused the Job: the orchestrator is not authenticated (401): "
              + detail;
      case 403 ->
          ("the Kubernetes API server refused the Job (403 Forbidden): %s; the orchestrator's Role"
                  + " must allow create on jobs in namespace %s")
              .formatted(detail, namespace);
      case 404 ->
          "namespace %s does not exist on the cluster (404): %s".formatted(namespace, detail);
      case 400, 422 ->
          "the Kubernetes API server rejected the Job as invalid (%d): %s".formatted(code, detail);
      default ->
          code == 429 || code >= 500
              ? "the Kubernetes API server kept failing (%d) after %d attempts: %s"
                  .formatted(code, attempts, detail)
              : "the Kubernetes API server refused the Job (%d): %s".formatted(code, detail);
    };
  }

  private static String detail(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root == e ? message : root.getClass().getSimpleName() + ": " + message;
  }
}
