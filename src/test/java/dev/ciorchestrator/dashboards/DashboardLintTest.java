package dev.ciorchestrator.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.dashboards.Dashboards.Dashboard;
import dev.ciorchestrator.dashboards.Dashboards.Query;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules every dashboard under {@code dashboards/} keeps, so that it imports into any Grafana with
 * any Prometheus data source and shows only metrics the service exports. The exported metrics are
 * read from the README's Metrics table, the one list users see; {@code DashboardsPrometheusIT}
 * proves each query returns data from a real scrape.
 */
class DashboardLintTest {
  private static final Pattern METRIC = Pattern.compile("ci_orchestrator_[a-z_]+");
  private static final Pattern README_ROW =
      Pattern.compile(
          "^\\| `(ci_orchestrator_[a-z_]+)` \\|\\s*`?([a-z ]*?)`?\\s*\\|\\s*(.*?)\\s*\\|$");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)\\]");
  private static final Pattern RATE = Pattern.compile("\\b(rate|irate|increase)\\s*\\(");
  private static final Pattern SERIES_SUFFIX = Pattern.compile("_(bucket|count|sum|max)$");
  private static final String DATASOURCE = "${datasource}";
  private static final String REPO = "repo=~\"$repo\"";

  /** A metric of the README table: its tags, and whether it is a histogram. */
  record Exported(Set<String> tags, boolean histogram) {}

  /** The README's Metrics table: every metric the service exports, the one list users see. */
  static Map<String, Exported> exported() throws Exception {
    Map<String, Exported> all = new HashMap<>();
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    for (String line : lines) {
      Matcher m = README_ROW.matcher(line);
      if (m.matches()) {
        Set<String> tags = new HashSet<>(List.of(m.group(2).trim().split(" +")));
        tags.remove("");
        all.put(m.group(1), new Exported(tags, m.group(3).startsWith("histogram")));
      }
    }
    return all;
  }

  static Stream<Dashboard> dashboards() {
    return Dashboards.all().stream();
  }

  static Stream<Query> queries() {
    return dashboards().flatMap(d -> d.queries().stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void hasADatasourceVariableUsedByEveryPanel(Dashboard d) {
    assertThat(d.json().at("/templating/list"))
        .as(d.file() + ": a variable 'datasource' of type datasource for prometheus")
        .anySatisfy(
            v -> {
              assertThat(v.path("name").asText()).isEqualTo("datasource");
              assertThat(v.path("type").asText()).isEqualTo("datasource");
              assertThat(v.path("query").asText()).isEqualTo("prometheus");
            });
    for (JsonNode p : d.panels()) {
      if (p.path("type").asText().equals("row")) {
        continue;
      }
      String what = d.file() + " / " + p.path("title").asText();
      assertThat(p.at("/datasource/type").asText())
          .as(what + ": datasource.type")
          .isEqualTo("prometheus");
      assertThat(p.at("/datasource/uid").asText())
          .as(what + ": datasource.uid")
          .isEqualTo(DATASOURCE);
      for (JsonNode t : p.path("targets")) {
        if (t.has("datasource")) {
          assertThat(t.at("/datasource/uid").asText())
              .as(what + ": target datasource")
              .isEqualTo(DATASOURCE);
        }
      }
      assertThat(p.path("targets")).as(what + ": targets").isNotEmpty();
      assertThat(p.at("/fieldConfig/defaults/unit").asText())
          .as(what + ": fieldConfig.defaults.unit")
          .isNotBlank();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void panelIdsAreUnique(Dashboard d) {
    assertThat(d.panels())
        .extracting(p -> p.path("id").asInt(-1))
        .as(d.file() + ": panel ids")
        .doesNotContain(-1)
        .doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void everyRangeIsTheRateInterval(Query q) {
    String code = STRING.matcher(q.expr()).replaceAll("\"\""); // a regex matcher may hold [...]
    Matcher range = RANGE.matcher(code);
    while (range.find()) {
      assertThat(range.group(1)).as(q + ": range").isEqualTo("$__rate_interval");
    }
    if (RATE.matcher(code).find()) {
      assertThat(code).as(q + ": rate without a range").contains("[$__rate_interval]");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void everyMetricIsExportedAndFilteredByTheRepoVariable(Query q) throws Exception {
    Map<String, Exported> exported = exported();
    assertThat(exported).as("README Metrics table").hasSizeGreaterThan(10);
    Matcher m = METRIC.matcher(q.expr());
    assertThat(m.find()).as(q + ": uses a ci_orchestrator_ metric").isTrue();
    do {
      String name = m.group();
      Matcher suffix = SERIES_SUFFIX.matcher(name);
      String base = suffix.find() ? name.substring(0, suffix.start()) : name;
      Exported e = exported.get(name);
      if (e == null || e.histogram()) { // a histogram is queried through its series only
        e = exported.get(base);
        assertThat(e != null && e.histogram()).as(q + ": " + name + " is not exported").isTrue();
      }
      if (e.tags().contains("repo")) {
        String selector = q.expr().substring(m.end());
        assertThat(selector).as(q + ": " + name + " filtered by " + REPO).startsWith("{" + REPO);
      }
    } while (m.find());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void aRepoVariableIsThereWhenUsed(Dashboard d) {
    boolean used = d.queries().stream().anyMatch(q -> q.expr().contains("$repo"));
    List<JsonNode> vars = new ArrayList<>();
    d.json().at("/templating/list").forEach(vars::add);
    if (used) {
      assertThat(vars)
          .as(d.file() + ": a variable 'repo'")
          .anySatisfy(
              v -> {
                assertThat(v.path("name").asText()).isEqualTo("repo");
                assertThat(v.path("query").path("query").asText(v.path("query").asText()))
                    .isEqualTo("label_values(ci_orchestrator_runs_started_total, repo)");
              });
    }
  }
}
