package dev.ciorchestrator.web;

import dev.ciorchestrator.forge.local.ChangeConflict;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.forge.local.LocalRepos;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Calls the {@link LocalForgeStore} for the API (and the web UI's actions) and turns its refusals
 * into {@link ApiException}s: a repository the forge does not have or a missing change is 404, a
 * {@link ChangeConflict} (an edit of a closed or merged change, a second open change from one
 * branch) 409, any other refusal 400 naming the JSON field when the store's message names one. A
 * failed write is a 500 without internals.
 */
public final class LocalForgeCalls {
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
  public interface Operation {
    LocalChange apply(LocalForgeStore store) throws IOException;
  }

  private final LocalForgeStore store;
  private final Path reposDir;
  private final Consumer<String> written;

  /**
   * @param reposDir where the forge's repositories are: a repository without one there is unknown
   * @param written told the repository after every successful write, so the controller reconciles
   *     it at once instead of at its next poll
   */
  public LocalForgeCalls(LocalForgeStore store, Path reposDir, Consumer<String> written) {
    this.store = store;
    this.reposDir = reposDir;
    this.written = written;
  }

  /** Runs {@code operation} on change {@code number} of {@code repo} (0: no change yet). */
  public LocalChange call(String repo, long number, Operation operation) {
    requireRepo(repo);
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
    requireRepo(repo);
    if (number < 1) {
      throw ApiException.badRequest("number must be positive: " + number, "number");
    }
    return read(() -> store.get(repo, number))
        .orElseThrow(
            () -> new ApiException(Status.NOT_FOUND, "no change " + repo + "#" + number, ""));
  }

  /** As {@link #require}, and 409 when the change is closed or merged: checked before its body. */
  public LocalChange requireOpen(String repo, long number) {
    LocalChange change = require(repo, number);
    if (change.state() != LocalChange.State.OPEN) {
      throw new ApiException(
          Status.CONFLICT,
          "change " + change.ref() + " is " + change.state().name().toLowerCase(Locale.ROOT),
          "");
    }
    return change;
  }

  List<LocalChange> open(String repo) {
    requireRepo(repo);
    return read(() -> store.open(repo));
  }

  List<LocalChange> all(String repo) {
    requireRepo(repo);
    return read(() -> store.all(repo));
  }

  /** 400 for a malformed {@code owner/name}, 404 when the forge has no such repository. */
  void requireRepo(String repo) {
    boolean exists = read(() -> LocalRepos.exists(reposDir, repo));
    if (!exists) {
      throw new ApiException(Status.NOT_FOUND, "no repository " + repo + " in this forge", "");
    }
  }

  private static <T> T read(Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), "");
    }
  }

  private ApiException refusal(String repo, long number, IllegalArgumentException e) {
    String message = e.getMessage();
    if (e instanceof ChangeConflict conflict) {
      return new ApiException(Status.CONFLICT, message, FIELDS.getOrDefault(conflict.field(), ""));
    }
    if (number > 0 && read(() -> store.get(repo, number)).isEmpty()) {
      return new ApiException(Status.NOT_FOUND, "no change " + repo + "#" + number, "");
    }
    String first = message == null ? "" : message.split(" ", 2)[0];
    return ApiException.badRequest(message, FIELDS.getOrDefault(first, ""));
  }
}
