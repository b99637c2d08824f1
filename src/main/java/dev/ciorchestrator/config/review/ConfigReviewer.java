package dev.ciorchestrator.config.review;

import dev.ciorchestrator.config.diff.ConfigDiff;
import dev.ciorchestrator.config.diff.ConfigDiffer;
import dev.ciorchestrator.config.diff.Relaxations;
import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.testing.PolicyTestResult;
import dev.ciorchestrator.config.testing.PolicyTestRunner;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.reconcile.RepoExtension;
import dev.ciorchestrator.reconcile.RepoPass;
import dev.ciorchestrator.reconcile.ReportExtra;
import dev.ciorchestrator.reconcile.impact.Impact;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reviews changes to the config repository (DESIGN.md "Config repository changes"): each head is
 * loaded as the sync would load it, its policy tests run, and it is compared with the running
 * config (effective diff, relaxations, impact on the open changes). The change gets {@code
 * ci/config}, a summary section, and the {@value #RELAXED_LABEL} label while it relaxes a gate or
 * trust policy. Its gate still comes from the running config; this only adds that an invalid
 * config, or a relaxing change not yet labelled, does not merge.
 */
public final class ConfigReviewer implements RepoExtension {
  public static final String RELAXED_LABEL = "policy-relaxed";
  static final String POLICY = "config-review";

  private final Map<String, Forge> forges;
  private final ConfigRepository which;
  private final HeadConfig heads;
  private final Clock clock;
  private final int shown;
  private final Supplier<String> baseUrl;
  private final OpenChanges world = new OpenChanges();
  private final Map<Long, Review> reviews = new ConcurrentHashMap<>();
  private final Impacts impacts;
  private volatile String reviewedRepo; // the config repository's name, once a pass has seen it

  /**
   * @param shown how many diff entries, errors and impact lines a summary shows
   * @param baseUrl the service's public address, under which a summary links to all of a list it
   *     cut ({@code /api/v1/config/reviews/<change>/<part>}); empty for no links
   */
  public ConfigReviewer(
      Map<String, Forge> forges,
      ConfigRepository which,
      HeadConfig heads,
      Clock clock,
      int shown,
      Supplier<String> baseUrl) {
    this(forges, which, heads, clock, shown, baseUrl, Runnable::run, repo -> {});
  }

  /**
   * As above, computing impacts on {@code impactRunner} instead of the pass that reviews the head
   * (the service: {@link #backgroundImpacts()}); until one is ready the summary says it is being
   * computed, and {@code requestPass} is asked for a pass of the config repository once it is.
   */
  public ConfigReviewer(
      Map<String, Forge> forges,
      ConfigRepository which,
      HeadConfig heads,
      Clock clock,
      int shown,
      Supplier<String> baseUrl,
      Executor impactRunner,
      Consumer<String> requestPass) {
    this.impacts =
        new Impacts(
            impactRunner,
            reviews,
            (r, running) -> withImpact(r, running, r.after().orElseThrow()),
            () -> {
              String repo = reviewedRepo;
              if (repo != null) {
                requestPass.accept(repo);
              }
            });
    this.forges = Map.copyOf(forges);
    this.which = which;
    this.heads = heads;
    this.clock = clock;
    this.shown = shown;
    this.baseUrl = baseUrl;
  }

  /** One thread for impacts, ended while idle. */
  public static Executor backgroundImpacts() {
    return Impacts.background();
  }

  /** The review of the open change {@code change}'s current head, once it was reviewed. */
  public Optional<Review> review(long change) {
    return Optional.ofNullable(reviews.get(change));
  }

  @Override
  public List<Decision> gate(ConfigSnapshot snapshot, Repository repository, ForgeChange fc) {
    if (!reviewed(repository)) {
      return List.of();
    }
    Review r = review(snapshot, repository, fc.state().change());
    if (r.unreadable().isPresent()) {
      return List.of(Decision.fail(POLICY, "the head cannot be read: " + r.unreadable().get()));
    }
    if (!r.errors().isEmpty()) {
      return List.of(Decision.fail(POLICY, ReviewText.errorCount(r) + " (see ci/config)"));
    }
    if (!r.failedTests().isEmpty()) {
      return List.of(Decision.fail(POLICY, ReviewText.testCount(r) + " (see ci/config)"));
    }
    if (!r.relaxed().isEmpty() && !fc.labels().contains(RELAXED_LABEL)) {
      // the label is written after this pass's gate; until it is there no gate policy can see it
      return List.of(
          Decision.fail(POLICY, "relaxes a gate or trust policy; labelling it " + RELAXED_LABEL));
    }
    return List.of(Decision.pass(POLICY, "the config at head loads and its policy tests pass"));
  }

  @Override
  public ReportExtra report(Repository repository, ForgeChange fc) {
    Review r = reviews.get(fc.number());
    if (!reviewed(repository) || r == null || !r.head().equals(fc.state().change().headSha())) {
      return ReportExtra.NONE;
    }
    Map<String, Boolean> labels =
        r.valid() ? Map.of(RELAXED_LABEL, !r.relaxed().isEmpty()) : Map.of();
    return new ReportExtra(
        List.of(ReviewText.status(r)),
        List.of(ReviewText.section(r, shown, part -> link(fc.number(), part))),
        labels);
  }

  /**
   * Remembers every repository's open changes for the impact; on the config repository, forgets
   * closed changes and computes again the impacts that saw fewer repositories than are known now
   * (the first passes after a start), so those summaries are written again.
   */
  @Override
  public Set<Long> afterChanges(RepoPass pass) {
    world.seen(pass);
    if (!reviewed(pass.repository())) {
      return Set.of();
    }
    Set<Long> open = new HashSet<>();
    pass.open().forEach(fc -> open.add(fc.number()));
    reviews.keySet().retainAll(open);
    for (Map.Entry<Long, Review> e : new HashMap<>(reviews).entrySet()) {
      Review r = e.getValue();
      if (r.after().isPresent()
          && !r.impact().pending()
          && !r.impact().hasFailed()
          && r.running().equals(pass.snapshot().revision())
          && !r.seen().equals(world.repositories())) {
        impacts.ask(e.getKey(), r, pass.snapshot());
      }
    }
    Set<Long> touched = impacts.takeReady();
    touched.retainAll(open);
    return touched;
  }

  /** The review of this head against this running config, computed once. */
  Review review(ConfigSnapshot running, Repository repository, Change change) {
    Review known = reviews.get(change.number());
    if (known != null
        && known.head().equals(change.headSha())
        && known.running().equals(running.revision())) {
      return known;
    }
    Review fresh = load(running, repository, change.headSha());
    reviews.put(change.number(), fresh);
    fresh.after().ifPresent(after -> impacts.ask(change.number(), fresh, running));
    impacts.reported(change.number());
    return reviews.get(change.number());
  }

  private Review load(ConfigSnapshot running, Repository repository, String head) {
    LoadResult result;
    try {
      result = heads.load(forges.get(repository.forge()).checkout(repository.name()), head);
    } catch (IOException | RuntimeException e) {
      return Review.unreadable(head, running.revision(), String.valueOf(e.getMessage()));
    }
    if (result instanceof LoadResult.Failed failed) {
      return Review.invalid(
          head, running.revision(), failed.errors().stream().map(ConfigError::format).toList());
    }
    ConfigSnapshot after = ((LoadResult.Loaded) result).snapshot();
    List<PolicyTestResult> tests = PolicyTestRunner.run(after);
    ConfigDiff diff = ConfigDiffer.diff(running, after);
    return new Review(
        head,
        running.revision(),
        Optional.empty(),
        List.of(),
        Optional.of(after),
        tests.size(),
        tests.stream().filter(t -> !t.passed()).toList(),
        diff,
        Relaxations.of(running, after, diff),
        Impact.PENDING,
        Set.of());
  }

  private Review withImpact(Review r, ConfigSnapshot running, ConfigSnapshot after) {
    return r.withImpact(world.impact(running, after, clock.instant()), world.repositories());
  }

  private String link(long change, ReviewText.Part part) {
    String base = java.util.Objects.requireNonNullElse(baseUrl.get(), "").replaceAll("/+$", "");
    return base.isEmpty() ? "" : base + "/api/v1/config/reviews/" + change + "/" + part.wire();
  }

  private boolean reviewed(Repository repository) {
    Forge forge = forges.get(repository.forge());
    boolean is = forge != null && which.is(forge, repository.name());
    if (is) {
      reviewedRepo = repository.name();
    }
    return is;
  }
}
