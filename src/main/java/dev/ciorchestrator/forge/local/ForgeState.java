package dev.ciorchestrator.forge.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The whole local forge as one immutable value, exactly as it is written to the state file. The
 * counters live here, not beside it, so a number or comment id handed out is persisted in the same
 * atomic write as the change that uses it and can never be handed out twice after a restart.
 *
 * @param version format of the state file; a file from an unknown version is refused, not guessed
 * @param lastCommentId the last comment sequence handed out, across all repositories
 * @param repos per {@code owner/name}, sorted so the file diffs well
 */
record ForgeState(int version, long lastCommentId, Map<String, Repo> repos) {
  static final int VERSION = 1;

  /**
   * One repository's changes.
   *
   * @param lastNumber the last change number handed out; numbers are never reused
   * @param changes ordered by number
   */
  record Repo(long lastNumber, List<LocalChange> changes) {
    Repo {
      changes = List.copyOf(Objects.requireNonNullElse(changes, List.of()));
    }

    Optional<LocalChange> get(long number) {
      return changes.stream().filter(c -> c.number() == number).findFirst();
    }

    Repo put(LocalChange change) {
      List<LocalChange> next = new ArrayList<>(changes);
      next.removeIf(c -> c.number() == change.number());
      next.add(change);
      next.sort((a, b) -> Long.compare(a.number(), b.number()));
      return new Repo(Math.max(lastNumber, change.number()), next);
    }
  }

  ForgeState {
    repos = Collections.unmodifiableSortedMap(new TreeMap<>(repos));
  }

  static ForgeState empty() {
    return new ForgeState(VERSION, 0, Map.of());
  }

  Repo repo(String name) {
    return repos.getOrDefault(name, new Repo(0, List.of()));
  }

  ForgeState put(LocalChange change) {
    return withRepo(change.repo(), repo(change.repo()).put(change), lastCommentId);
  }

  ForgeState withCommentId(long id) {
    return new ForgeState(version, id, repos);
  }

  private ForgeState withRepo(String name, Repo repo, long commentId) {
    Map<String, Repo> next = new TreeMap<>(repos);
    next.put(name, repo);
    return new ForgeState(version, commentId, next);
  }

  /** Problems that mean the file was edited or damaged; empty when the state is consistent. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (version != VERSION) {
      problems.add("unsupported version " + version + " (expected " + VERSION + ")");
    }
    repos.forEach(
        (name, repo) -> {
          long previous = 0;
          for (LocalChange c : repo.changes()) {
            if (!name.equals(c.repo())
                || c.number() <= previous
                || c.number() > repo.lastNumber()) {
              problems.add("change " + c.ref() + " does not fit under " + name);
            }
            previous = c.number();
          }
        });
    return problems;
  }
}
