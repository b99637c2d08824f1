package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.ForgeChange;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * {@link LocalForge#openChanges}'s memory: one {@link ForgeChange} per open change, rebuilt only
 * when its inputs change, with its Git facts for (target tip, head). Each listing keeps only what
 * it used, so closed changes fall out and the cache never outgrows the open changes.
 */
final class ChangeCache {
  private static final Logger LOG = Logger.getLogger(ChangeCache.class);

  /** What folding needs from the repository's config. */
  private record Policy(List<String> trustedUsers, boolean dismissOnPush) {}

  private record Entry(
      LocalChange change,
      String baseTip,
      Map<String, CommitStatus> statuses,
      Policy policy,
      GitFacts facts,
      ForgeChange result) {
    boolean fits(LocalChange c, String tip, Map<String, CommitStatus> s, Policy p) {
      // identity first: the store replaces the record on every write, so this is the cheap test
      return change == c && baseTip.equals(tip) && statuses.equals(s) && policy.equals(p);
    }
  }

  private final LocalForgeStore store;
  private final String bot;
  private final Clock clock;
  private final Function<String, Optional<Repository>> config;
  private final Map<String, Map<Long, Entry>> changes = new ConcurrentHashMap<>();
  private final Map<String, Listing> listings = new ConcurrentHashMap<>();

  /**
   * A whole listing and what it was made from. Nothing about a repository changed when its stored
   * state, its branch tips (both handed out as new instances on any change) and its config policy
   * are the same: then the listing is returned as it was, and a pass over thousands of unchanged
   * changes costs nothing here.
   */
  private record Listing(
      ForgeState.Repo stored, Map<String, String> branches, Policy policy, List<ForgeChange> out) {}

  ChangeCache(
      LocalForgeStore store,
      String bot,
      Clock clock,
      Function<String, Optional<Repository>> config) {
    this.store = store;
    this.bot = bot;
    this.clock = clock;
    this.config = config;
  }

  /**
   * A change whose target branch or head commit is missing is left out with a warning: one broken
   * change must not hide every other change of the repository from the controller.
   */
  List<ForgeChange> list(String repo, Path gitDir, Map<String, String> branches)
      throws IOException {
    Policy policy =
        config
            .apply(repo)
            .map(r -> new Policy(r.trustedUsers(), r.dismissApprovalsOnPush()))
            .orElse(new Policy(List.of(), true));
    ForgeState.Repo repoState = store.snapshot(repo);
    Listing last = listings.get(repo);
    if (last != null
        && last.stored() == repoState
        && last.branches() == branches
        && last.policy().equals(policy)) {
      return last.out();
    }
    Map<Long, Entry> previous = changes.getOrDefault(repo, Map.of());
    Map<Long, Entry> next = new HashMap<>();
    // One snapshot serves the whole listing: changes and statuses as of the same moment.
    Map<String, Map<String, CommitStatus>> statuses = repoState.statuses();
    List<ForgeChange> out = new ArrayList<>();
    try (FactsReader read = new FactsReader(gitDir)) {
      for (LocalChange stored : repoState.changes()) {
        Optional<Entry> entry = entry(stored, branches, statuses, policy, previous, read);
        if (entry.isPresent()) {
          next.put(entry.get().change().number(), entry.get());
          out.add(entry.get().result());
        }
      }
    }
    changes.put(repo, next);
    List<ForgeChange> listed = List.copyOf(out);
    // Remembered only if listing wrote nothing: a head that followed its branch changed the store.
    if (store.snapshot(repo) == repoState) {
      listings.put(repo, new Listing(repoState, branches, policy, listed));
    } else {
      listings.remove(repo);
    }
    return listed;
  }

  /** The open change's entry: its previous one while its inputs are the same; empty if left out. */
  private Optional<Entry> entry(
      LocalChange stored,
      Map<String, String> branches,
      Map<String, Map<String, CommitStatus>> statuses,
      Policy policy,
      Map<Long, Entry> previous,
      FactsReader read)
      throws IOException {
    if (stored.state() != LocalChange.State.OPEN) {
      return Optional.empty();
    }
    Optional<LocalChange> followed = followHead(stored, branches);
    if (followed.isEmpty()) {
      return Optional.empty();
    }
    LocalChange change = followed.get();
    String tip = branches.get(change.targetBranch());
    if (tip == null) {
      LOG.warnf("%s left out: target branch %s is missing", change.ref(), change.targetBranch());
      return Optional.empty();
    }
    Map<String, CommitStatus> onHead = statuses.getOrDefault(change.headSha(), Map.of());
    Entry entry = previous.get(change.number());
    if (entry != null && entry.fits(change, tip, onHead, policy)) {
      return Optional.of(entry);
    }
    Optional<GitFacts> git = facts(change, tip, entry, read);
    if (git.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Entry(
            change, tip, onHead, policy, git.get(), build(change, git.get(), onHead, policy)));
  }

  /**
   * The change's Git facts: from its previous entry when (target tip, head) is the same (only its
   * comments, labels or statuses changed), else read once per listing per (tip, head).
   */
  private static Optional<GitFacts> facts(
      LocalChange change, String tip, Entry previous, FactsReader read) {
    if (previous != null
        && previous.baseTip().equals(tip)
        && previous.change().headSha().equals(change.headSha())) {
      return Optional.of(previous.facts());
    }
    try {
      return Optional.of(read.read(tip, change.headSha()));
    } catch (IOException e) {
      LOG.warnf("%s left out: %s", change.ref(), e.getMessage());
      return Optional.empty();
    }
  }

  /** Moves the head to the source branch tip, as a push would; empty when the change closed. */
  private Optional<LocalChange> followHead(LocalChange change, Map<String, String> branches)
      throws IOException {
    String tip = branches.get(change.sourceBranch());
    if (tip == null || tip.equals(change.headSha())) {
      return Optional.of(change); // a deleted source branch leaves the last pushed head
    }
    try {
      return Optional.of(store.setHead(change.repo(), change.number(), tip, clock.instant()));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // closed or merged since the listing began
    }
  }

  private ForgeChange build(
      LocalChange change, GitFacts git, Map<String, CommitStatus> onHead, Policy policy)
      throws IOException {
    ViewedChange viewed =
        LocalChangeView.of(change, git, policy.trustedUsers(), policy.dismissOnPush(), bot);
    if (!viewed.holdToApply().isEmpty()) {
      change = applyHold(change, viewed);
      viewed = LocalChangeView.of(change, git, policy.trustedUsers(), policy.dismissOnPush(), bot);
    }
    return new ForgeChange(
        viewed.state(),
        viewed.answers(),
        viewed.notes(),
        viewed.state().change().labels(),
        onHead,
        LocalForge.summary(change, bot));
  }

  /**
   * Sets or clears the {@code hold} label for a new hold command, then records that it did, so the
   * command is applied once and a later change of the label by hand stands. Label first: a crash in
   * between applies the same command again, which changes nothing.
   */
  private LocalChange applyHold(LocalChange change, ViewedChange viewed) throws IOException {
    try {
      store.label(change.repo(), change.number(), Names.HOLD_LABEL, viewed.holdOn());
      return store.acknowledge(change.repo(), change.number(), viewed.holdToApply());
    } catch (IllegalArgumentException e) {
      return change; // closed or merged since the listing began: the next listing drops it
    }
  }
}
