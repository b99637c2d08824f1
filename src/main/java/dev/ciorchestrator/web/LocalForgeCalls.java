package dev.ciorchestrator.web;

import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Calls the {@link LocalForgeStore} for the API and turns its refusals into {@link ApiException}s:
 * a missing change is 404, an edit of a closed or merged one 409, any other refusal 400 naming the
 * JSON field when the store's message names one. A failed write is a 500 without internals.
 */
final class LocalForgeCalls {
  private static final Logger LOG = Logger.getLogger(LocalForgeCalls.class);

  // The store's parameter names, as its messages begin, and the JSON fields a caller sent.
  private static final Map<String, String> FIELDS =
      Map.ofEntries(
          Map.entry("title", "title"),
          Map.entry("author", "author"),
          Map.entry("body", "body"),
          Map.entry("label", "label"),
          Map.entry("sourceBranch", "source"),
          Map.entry("targetBranch", "target"),
          Map.entry("headSha", "head"),
          Map.entry("sha", "head"),
          Map.entry("commitSha", "commit"),
          Map.entry("state", "state"),
          Map.entry("number", "number"));

  /** One store operation that may fail to write. */
  interface Operation {
    LocalChange apply(LocalForgeStore store) throws IOException;
  }

  private final LocalForgeStore store;

  private final Consumer<String> written;

  /**
   * @param written told the repository after every successful write, so the controller reconciles
   *     it at once instead of at its next poll
   */
  LocalForgeCalls(LocalForgeStore store, Consumer<String> written) {
    this.store = store;
    this.written = written;
  }

  /** Runs {@code operation} on change {@code number} of {@code repo} (0: no change yet). */
  LocalChange call(String repo, long number, Operation operation) {
    try {
      LocalChange change = operation.apply(store);
      written.accept(repo);
      return change;
    } catch (IllegalArgumentException e) {
      throw refusal(repo, number, e);
    } catch (IOException e) {
      // Logged here and answered without details: the path and cause are for the operator.
      LOG.errorf(e, "local forge write failed for %s", repo);
      throw new ApiException(
          Status.INTERNAL_SERVER_ERROR, "the local forge could not save the change", "");
    }
  }

  LocalChange require(String repo, long number) {
    return find(repo, number)
        .orElseThrow(
            () -> new ApiException(Status.NOT_FOUND, "no change " + repo + "#" + number, ""));
  }

  List<LocalChange> open(String repo) {
    try {
      return store.open(repo);
    } catch (IllegalArgumentException e) {
      throw refusal(repo, 0, e);
    }
  }

  List<LocalChange> all(String repo) {
    try {
      return store.all(repo);
    } catch (IllegalArgumentException e) {
      throw refusal(repo, 0, e);
    }
  }

  private Optional<LocalChange> find(String repo, long number) {
    try {
      return store.get(repo, number);
    } catch (IllegalArgumentException e) {
      throw refusal(repo, 0, e);
    }
  }

  private ApiException refusal(String repo, long number, IllegalArgumentException e) {
    String message = e.getMessage();
    if (number > 0) {
      Optional<LocalChange> change = find(repo, number);
      if (change.isEmpty()) {
        return new ApiException(Status.NOT_FOUND, "no change " + repo + "#" + number, "");
      }
      LocalChange c = change.get();
      String notOpen = "change " + c.ref() + " is " + c.state().name().toLowerCase(Locale.ROOT);
      if (c.state() != LocalChange.State.OPEN && notOpen.equals(message)) {
        return new ApiException(Status.CONFLICT, message, "");
      }
    }
    String first = message == null ? "" : message.split(" ", 2)[0];
    return ApiException.badRequest(message, FIELDS.getOrDefault(first, ""));
  }
}
