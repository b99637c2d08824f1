package dev.ciorchestrator.forge.hosted;

import dev.ciorchestrator.domain.Lists;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.command.HoldLabel;
import dev.ciorchestrator.forge.hosted.ChangeSource.Listed;
import dev.ciorchestrator.forge.hosted.ChangeSource.Listing;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * A hosted forge's open changes, kept between passes so an unchanged change costs nothing: the
 * listing says when a change changed (its timestamp, head, labels); only then, after one of the
 * orchestrator's own writes to it, or on the periodic full refresh, are its facts read again, and a
 * change whose facts and look-ups are what they were keeps the very same {@link ForgeChange}
 * instance, so the loop skips it. A forge that can list by time is asked only for what changed
 * since the last listing, and for every open change on the full refresh.
 *
 * <p>It also applies hold commands to the {@code hold} label ({@link HoldLabel}) and knows when it
 * saw each head ({@link Pushed}), both kept in the summary's {@link Trailer} across restarts.
 */
public final class ChangeTracker {
  private static final Logger LOG = Logger.getLogger(ChangeTracker.class);
  // a change saved just before the newest one listed may carry an older timestamp: look back
  private static final Duration LOOK_BACK = Duration.ofMinutes(1);

  /** Who the tracker is for. */
  public record Options(String forge, String bot, Duration fullRefresh) {}

  /** What a view was built from: equal inputs build an equal view. */
  private record Inputs(
      ChangeFacts facts,
      ChangeView.Policy policy,
      Pushed pushed,
      ChangeView.Lookups lookups,
      String holdApplied) {}

  private record Entry(Listed listed, Inputs inputs, ForgeChange result, Optional<String> summary) {
    boolean complete() {
      return inputs.facts().complete();
    }
  }

  private static final class RepoState {
    Map<Long, Entry> entries = new TreeMap<>();
    List<ForgeChange> listing = List.of();
    Instant lastFull = Instant.MIN;
    Instant watermark;
    final Set<Long> dirty = ConcurrentHashMap.newKeySet();
    final Map<Long, String> holdApplied = new ConcurrentHashMap<>();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  }

  private final ChangeSource source;
  private final Options options;
  private final Clock clock;
  private final Map<String, RepoState> repos = new ConcurrentHashMap<>();

  public ChangeTracker(ChangeSource source, Options options, Clock clock) {
    this.source = source;
    this.options = options;
    this.clock = clock;
  }

  /** The open changes of {@code repo}, ordered by number; see the class comment. */
  public synchronized List<ForgeChange> open(String repo, ChangeView.Policy policy)
      throws IOException {
    RepoState state = state(repo);
    Instant now = clock.instant();
    boolean full =
        state.watermark == null || !now.isBefore(state.lastFull.plus(options.fullRefresh()));
    Listing listing =
        source.list(repo, full ? Optional.empty() : Optional.of(state.watermark.minus(LOOK_BACK)));
    // Cleared only once the whole listing succeeded: a failed one must read them again.
    Set<Long> dirty = Set.copyOf(state.dirty);
    Map<Long, Entry> next = listing.all() ? new TreeMap<>() : new TreeMap<>(state.entries);
    Set<Long> listed = new HashSet<>();
    for (Listed l : listing.changes()) {
      listed.add(l.number());
      Entry before = state.entries.get(l.number());
      put(
          next,
          l,
          l.open()
              ? fresh(repo, state, l, before, policy, full || dirty.contains(l.number()))
              : null);
    }
    if (!listing.all()) {
      // The listing names what changed on the forge; a status we set moves no timestamp
      for (Entry before : state.entries.values()) {
        long n = before.listed().number();
        boolean stale =
            dirty.contains(n) || !before.complete() || !before.inputs().policy().equals(policy);
        if (!listed.contains(n) && stale) {
          put(next, before.listed(), fresh(repo, state, before.listed(), before, policy, true));
        }
      }
    }
    state.entries = next;
    state.dirty.removeAll(dirty);
    if (full) {
      state.lastFull = now;
    }
    state.watermark = newest(state.watermark, listing);
    state.holdApplied.keySet().retainAll(next.keySet());
    List<ForgeChange> changes = next.values().stream().map(Entry::result).toList();
    if (!Lists.sameInstances(changes, state.listing)) {
      state.listing = changes;
    }
    return state.listing;
  }

  private static void put(Map<Long, Entry> next, Listed l, Entry entry) {
    if (entry == null) {
      next.remove(l.number());
    } else {
      next.put(l.number(), entry);
    }
  }

  /**
   * The change's entry: the one before while nothing about it changed, else read again ({@code
   * again}: a full refresh, or we wrote to it since). A change closed between the listing and its
   * read is left out of this listing.
   */
  private Entry fresh(
      String repo, RepoState state, Listed l, Entry before, ChangeView.Policy policy, boolean again)
      throws IOException {
    if (before != null
        && !again
        && before.complete()
        && before.listed().sameAs(l)
        && before.inputs().policy().equals(policy)) {
      return before;
    }
    Optional<ChangeFacts> read = source.read(repo, l);
    if (read.isEmpty()) {
      LOG.infof("%s#%d left out: it is gone from %s", repo, l.number(), options.forge());
      return null;
    }
    ChangeFacts facts = read.get();
    Pushed pushed = pushed(state, before, facts);
    HoldLabel hold = new HoldLabel(state.holdApplied.get(facts.number()));
    Inputs inputs =
        new Inputs(facts, policy, pushed, lookups(repo, state, facts, policy), hold.lastApplied());
    if (before != null && before.inputs().equals(inputs)) {
      return new Entry(l, inputs, before.result(), before.summary());
    }
    ChangeView.Built built =
        ChangeView.build(
            options.forge(), repo, facts, policy, pushed, options.bot(), inputs.lookups(), hold);
    ForgeChange held = applyHold(repo, state, facts, built);
    Trailer now =
        new Trailer(
            options.forge(), facts.headSha(), pushed, state.holdApplied.get(facts.number()));
    Optional<Trailer> written =
        built.summary().flatMap(s -> Trailer.read(options.forge(), s.body()));
    ForgeChange result = now.current(written, held);
    if (before != null && before.result().equals(result)) {
      result = before.result();
    }
    return new Entry(l, inputs, result, built.summary().map(Note::id));
  }

  /**
   * When the head was pushed, as far as the adapter can tell: when it saw the head move; for a
   * change it has not listed since it started, what its summary's trailer says for this head (so a
   * restart changes nothing); else now, as the first sight of the head.
   */
  private Pushed pushed(RepoState state, Entry before, ChangeFacts facts) {
    if (before != null) {
      boolean same = before.inputs().facts().headSha().equals(facts.headSha());
      return same ? before.inputs().pushed() : new Pushed(clock.instant(), false);
    }
    Optional<Trailer> trailer =
        ChangeView.summary(facts, options.bot())
            .flatMap(s -> Trailer.read(options.forge(), s.body()));
    trailer
        .map(Trailer::hold)
        .filter(h -> !h.isEmpty())
        .ifPresent(h -> state.holdApplied.putIfAbsent(facts.number(), h));
    return trailer
        .filter(t -> t.head().equals(facts.headSha()))
        .map(Trailer::pushed)
        .orElseGet(() -> new Pushed(clock.instant(), true));
  }

  /** Who the forge trusts among those the view asks about, and which requests were served. */
  private ChangeView.Lookups lookups(
      String repo, RepoState state, ChangeFacts facts, ChangeView.Policy policy)
      throws IOException {
    Set<String> trusted = new HashSet<>();
    for (String login : ChangeView.toLookUp(facts, policy, options.bot())) {
      if (source.trusted(repo, login)) {
        trusted.add(login);
      }
    }
    Set<String> served = new HashSet<>();
    for (Note n : ChangeView.requests(facts, options.bot()).keySet()) {
      boolean known = state.acknowledged.contains(n.id());
      if (known || (n.eyes() != Note.Eyes.NONE && source.acknowledged(repo, facts.number(), n))) {
        state.acknowledged.add(n.id());
        served.add(n.id());
      }
    }
    return new ChangeView.Lookups(trusted, served);
  }

  /**
   * Sets or clears the {@code hold} label for a hold command not applied yet; which command was
   * applied is kept in memory and in the summary's trailer, so a restart does not apply it again.
   */
  private ForgeChange applyHold(
      String repo, RepoState state, ChangeFacts facts, ChangeView.Built built) throws IOException {
    if (built.holdToApply().isEmpty()) {
      return built.change();
    }
    String entry = built.holdToApply().get();
    boolean on = HoldLabel.holds(entry);
    boolean has = facts.labels().contains(Names.HOLD_LABEL);
    if (on != has) {
      source.writeLabel(repo, facts.number(), Names.HOLD_LABEL, on);
      state.dirty.add(facts.number());
    }
    state.holdApplied.put(facts.number(), entry);
    if (on == has) {
      return built.change();
    }
    List<String> labels = new ArrayList<>(facts.labels());
    if (on) {
      labels.add(Names.HOLD_LABEL);
    } else {
      labels.remove(Names.HOLD_LABEL);
    }
    return ChangeView.withLabels(built.change(), labels);
  }

  private static Instant newest(Instant watermark, Listing listing) {
    Instant newest = watermark;
    for (Listed l : listing.changes()) {
      Instant at = Times.parse(l.updatedAt());
      if (at != null && (newest == null || at.isAfter(newest))) {
        newest = at;
      }
    }
    return newest == null ? Instant.EPOCH : newest;
  }

  /** The change as last listed; empty when it is not (any more) open here. */
  public synchronized Optional<ForgeChange> current(String repo, long change) {
    return Optional.ofNullable(state(repo).entries.get(change)).map(Entry::result);
  }

  /** Whether the change as last listed already has {@code label} present or absent as wanted. */
  public synchronized boolean labelled(String repo, long change, String label, boolean present) {
    return current(repo, change).map(c -> c.labels().contains(label) == present).orElse(false);
  }

  /** The id of the change's summary comment, when the last read found one. */
  public synchronized Optional<String> summaryId(String repo, long change) {
    return Optional.ofNullable(state(repo).entries.get(change)).flatMap(Entry::summary);
  }

  /** The hidden line the change's summary must end with now; {@code ""} for a change not listed. */
  public synchronized String trailer(String repo, long change) {
    RepoState state = state(repo);
    Entry e = state.entries.get(change);
    if (e == null) {
      return "";
    }
    Inputs in = e.inputs();
    return new Trailer(
            options.forge(), in.facts().headSha(), in.pushed(), state.holdApplied.get(change))
        .render();
  }

  /** The next listing reads the change again: the orchestrator wrote to it. */
  public void dirty(String repo, long change) {
    state(repo).dirty.add(change);
  }

  /** The next listing reads again every change whose head is {@code sha} (a status was set). */
  public synchronized void dirtyHead(String repo, String sha) {
    RepoState state = state(repo);
    state.entries.forEach(
        (n, e) -> {
          if (e.inputs().facts().headSha().equals(sha)) {
            state.dirty.add(n);
          }
        });
  }

  /** Whether the requests of comment {@code commentId} are known to be served. */
  public boolean acknowledged(String repo, String commentId) {
    return state(repo).acknowledged.contains(commentId);
  }

  /** Records that the requests of comment {@code commentId} are served. */
  public void acknowledgedNow(String repo, String commentId) {
    state(repo).acknowledged.add(Objects.requireNonNull(commentId));
  }

  private RepoState state(String repo) {
    return repos.computeIfAbsent(repo, r -> new RepoState());
  }
}
