package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.domain.CommitStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The whole local forge as one immutable value, exactly as it is written to the state file. The
 * counters live here, not beside it, so a number or comment id handed out is persisted in the same
 * atomic write as the change that uses it and can never be handed out twice after a restart.
 *
 * @param version format of the state file; a file from an unknown version is refused, not guessed.
 *     Version 1 had no commit statuses; it loads as version 2 with none.
 * @param lastCommentId the last comment sequence handed out, across all repositories
 * @param repos per {@code owner/name}, sorted so the file diffs well
 */
record ForgeState(int version, long lastCommentId, Map<String, Repo> repos) {
  static final int VERSION = 2;
  static final int OLDEST_READABLE = 1;

  /**
   * How many commits per repository keep their statuses. Beyond it, the least recently written
   * commits that no open change has as head lose theirs: statuses of old heads and old branch tips
   * are history nobody reconciles against, and the whole state is rewritten on every update.
   */
  static final int MAX_STATUS_SHAS = 256;

  /**
   * One repository's changes and commit statuses.
   *
   * @param lastNumber the last change number handed out; numbers are never reused
   * @param changes ordered by number
   * @param statuses per commit SHA, per context; least recently written first (the drop order)
   */
  record Repo(
      long lastNumber, List<LocalChange> changes, Map<String, Map<String, CommitStatus>> statuses) {
    Repo {
      changes = List.copyOf(Objects.requireNonNullElse(changes, List.of()));
      // Already normalized (every update but the first load): no deep copy, or each of the
      // controller's writes would copy every commit's statuses.
      if (!(statuses instanceof Statuses)) {
        Map<String, Map<String, CommitStatus>> ordered = new LinkedHashMap<>();
        Objects.requireNonNullElse(statuses, Map.<String, Map<String, CommitStatus>>of())
            .forEach((sha, byContext) -> ordered.put(sha, sortedCopy(byContext)));
        statuses = new Statuses(ordered);
      }
    }

    Repo(long lastNumber, List<LocalChange> changes) {
      this(lastNumber, changes, Map.of());
    }

    // Changes are sorted by number, so lookups are binary searches: a repository with thousands
    // of open changes gets a status or comment written per change on every pass.
    Optional<LocalChange> get(long number) {
      int i = indexOf(number);
      return i >= 0 ? Optional.of(changes.get(i)) : Optional.empty();
    }

    Repo put(LocalChange change) {
      List<LocalChange> next = new ArrayList<>(changes);
      int i = indexOf(change.number());
      if (i >= 0) {
        next.set(i, change);
      } else {
        next.add(-i - 1, change);
      }
      return new Repo(Math.max(lastNumber, change.number()), next, statuses);
    }

    private int indexOf(long number) {
      int low = 0;
      int high = changes.size() - 1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        long n = changes.get(mid).number();
        if (n < number) {
          low = mid + 1;
        } else if (n > number) {
          high = mid - 1;
        } else {
          return mid;
        }
      }
      return -(low + 1);
    }

    /** {@code status} on {@code sha}, which becomes the most recently written commit. */
    Repo withStatus(String sha, CommitStatus status) {
      Map<String, CommitStatus> byContext = new TreeMap<>(statuses.getOrDefault(sha, Map.of()));
      byContext.put(status.context(), status);
      Map<String, Map<String, CommitStatus>> next = new LinkedHashMap<>(statuses);
      next.remove(sha);
      next.put(sha, sortedCopy(byContext));
      if (next.size() > MAX_STATUS_SHAS) {
        Set<String> heads = new HashSet<>();
        changes.stream()
            .filter(c -> c.state() == LocalChange.State.OPEN)
            .forEach(c -> heads.add(c.headSha()));
        for (var it = next.keySet().iterator(); next.size() > MAX_STATUS_SHAS && it.hasNext(); ) {
          if (!heads.contains(it.next())) {
            it.remove();
          }
        }
      }
      return new Repo(lastNumber, changes, new Statuses(next));
    }

    private static Map<String, CommitStatus> sortedCopy(Map<String, CommitStatus> byContext) {
      return Collections.unmodifiableSortedMap(new TreeMap<>(byContext));
    }
  }

  /**
   * Statuses already in their stored form: insertion-ordered by commit, each commit's sorted and
   * unmodifiable. Its type tells {@link Repo}'s constructor that no copy is needed.
   */
  static final class Statuses extends java.util.AbstractMap<String, Map<String, CommitStatus>> {
    private final Map<String, Map<String, CommitStatus>> byCommit;

    Statuses(Map<String, Map<String, CommitStatus>> ordered) {
      this.byCommit = Collections.unmodifiableMap(ordered);
    }

    @Override
    public Set<Map.Entry<String, Map<String, CommitStatus>>> entrySet() {
      return byCommit.entrySet();
    }

    @Override
    public Map<String, CommitStatus> get(Object sha) {
      return byCommit.get(sha);
    }

    @Override
    public boolean containsKey(Object sha) {
      return byCommit.containsKey(sha); // AbstractMap's would walk every commit
    }

    @Override
    public int size() {
      return byCommit.size();
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

  ForgeState withStatus(String repo, String sha, CommitStatus status) {
    return withRepo(repo, repo(repo).withStatus(sha, status), lastCommentId);
  }

  /** The same state in the current format, for a file an older version wrote. */
  ForgeState upgraded() {
    return version == VERSION ? this : new ForgeState(VERSION, lastCommentId, repos);
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
    if (version < OLDEST_READABLE || version > VERSION) {
      problems.add(
          "unsupported version "
              + version
              + " (expected "
              + OLDEST_READABLE
              + " to "
              + VERSION
              + ")");
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
