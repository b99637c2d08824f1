package dev.ciorchestrator.bench;

import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.reconcile.ChangeBoard;
import dev.ciorchestrator.reconcile.ChangePlan;
import dev.ciorchestrator.reconcile.ChangeReport;
import dev.ciorchestrator.reconcile.Plan;
import dev.ciorchestrator.reconcile.Planner;
import dev.ciorchestrator.reconcile.ReconcileLoop.RepoStatus;
import dev.ciorchestrator.web.ui.Chrome;
import dev.ciorchestrator.web.ui.HomeQuery;
import dev.ciorchestrator.web.ui.HomeView;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The home page at scale (docs/benchmarks.md): 10,000 open changes over 20 repositories, each with
 * its plan as the loop publishes it (50 jobs per repository, four policies; half the changes with a
 * finished run of every job), on the {@link ChangeBoard}. One request is what the page does on the
 * server: {@link HomeQuery#build} for one page of 50 changes, then the real templates ({@code
 * templates/layout.html}, {@code templates/HomePage/Home.html}) rendered with HTML escaping.
 *
 * <p>Qute runs here without Quarkus, resolving values by reflection; in the service, Quarkus
 * generates the resolvers at build time, which is faster, so these times are an upper bound.
 */
public final class UiHomeBench {
  static final int PAGE_SIZE = 50;
  static final int WARMUP = 300;
  static final int REQUESTS = 2_000;

  private UiHomeBench() {}

  public static void main(String[] args) throws Exception {
    PlannerBench.Inputs in = PlannerBench.inputs();
    Plan plan = Planner.plan(in.snapshot(), in.changes(), in.runs(), in.now());
    ChangeBoard board = board(plan, in);
    Map<String, RepoStatus> passes = new HashMap<>();
    in.snapshot()
        .repositories()
        .forEach(
            r -> passes.put(r.name(), new RepoStatus(in.now(), Duration.ofMillis(5), 0, 0, "")));
    Template home = engine().getTemplate("HomePage/Home.html");
    Chrome chrome = new Chrome("Changes", "changes", "", "", "/login?next=%2F", "");
    Random random = new Random(42);
    long bytes = 0;
    long[] nanos = new long[REQUESTS];
    for (int i = -WARMUP; i < REQUESTS; i++) {
      boolean one = random.nextInt(4) == 0;
      String filter = one ? "org/repo-" + random.nextInt(BenchConfigs.REPOS) : "";
      int page = 1 + random.nextInt(one ? 10 : PlannerBench.CHANGES / PAGE_SIZE);
      long start = System.nanoTime();
      HomeView view =
          HomeQuery.build(
              board,
              in.snapshot().repositories(),
              passes,
              filter,
              page,
              PAGE_SIZE,
              in.snapshot().revision(),
              false);
      String html = home.data("chrome", chrome).data("view", view).render();
      long took = System.nanoTime() - start;
      if (view.rows().size() != PAGE_SIZE) {
        throw new IllegalStateException("page " + page + " of '" + filter + "' is not full");
      }
      if (i >= 0) {
        nanos[i] = took;
        bytes += html.length();
      }
    }
    Arrays.sort(nanos);
    System.out.println(
        "| benchmark | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | requests | goal |");
    System.out.println("|---|---|---|---|---|---|---|");
    System.out.printf(
        "| home page, %d open changes over %d repositories, %d per page | %.2f | %.2f | %.2f |"
            + " %.2f | %d | p95 ≤ 100 ms |%n",
        PlannerBench.CHANGES,
        BenchConfigs.REPOS,
        PAGE_SIZE,
        ms(nanos, 0.50),
        ms(nanos, 0.95),
        ms(nanos, 0.99),
        nanos[REQUESTS - 1] / 1e6,
        REQUESTS);
    System.out.printf("average page: %d KiB of HTML%n", bytes / REQUESTS / 1024);
  }

  /** What the loop would have published for every change of the plan. */
  private static ChangeBoard board(Plan plan, PlannerBench.Inputs in) {
    Map<Long, List<RunRecord>> runs = new HashMap<>();
    for (RunRecord r : in.runs()) {
      runs.computeIfAbsent(r.key().change(), k -> new ArrayList<>()).add(r);
    }
    Map<Long, ChangeState> states = new HashMap<>();
    in.changes().forEach(c -> states.put(c.change().number(), c));
    ChangeBoard board = new ChangeBoard();
    for (ChangePlan cp : plan.changes()) {
      long n = cp.change().number();
      List<RunRecord> own = runs.getOrDefault(n, List.of());
      board.publish(
          new ChangeBoard.Entry(
              new ForgeChange(states.get(n), List.of(), List.of(), List.of(), Map.of(), ""),
              cp,
              ChangeReport.latestOnHead(cp, own),
              "",
              in.snapshot().revision(),
              in.now()));
    }
    return board;
  }

  /** Qute on its own, reading the service's templates from the classpath, escaping HTML. */
  private static Engine engine() {
    return Engine.builder()
        .addDefaults()
        .addValueResolver(new ReflectionValueResolver())
        .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
        .removeStandaloneLines(true)
        .addLocator(UiHomeBench::locate)
        .build();
  }

  private static Optional<TemplateLocation> locate(String id) {
    String name = id.endsWith(".html") ? id : id + ".html";
    if (UiHomeBench.class.getResource("/templates/" + name) == null) {
      return Optional.empty();
    }
    return Optional.of(
        new TemplateLocation() {
          @Override
          public Reader read() {
            InputStream in = UiHomeBench.class.getResourceAsStream("/templates/" + name);
            return new InputStreamReader(in, StandardCharsets.UTF_8);
          }

          @Override
          public Optional<Variant> getVariant() {
            return Optional.of(Variant.forContentType(Variant.TEXT_HTML));
          }
        });
  }

  private static double ms(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
