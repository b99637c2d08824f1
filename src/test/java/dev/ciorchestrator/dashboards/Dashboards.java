package dev.ciorchestrator.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Grafana dashboards under {@code dashboards/}, read as JSON, and their panels' queries. */
final class Dashboards {
  static final Path DIR = Path.of("dashboards");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Dashboards() {}

  record Dashboard(String file, JsonNode json) {
    /** Every panel, rows' nested panels included. */
    List<JsonNode> panels() {
      List<JsonNode> all = new ArrayList<>();
      collect(json.path("panels"), all);
      return all;
    }

    private static void collect(JsonNode panels, List<JsonNode> into) {
      for (JsonNode p : panels) {
        into.add(p);
        collect(p.path("panels"), into);
      }
    }

    List<Query> queries() {
      List<Query> all = new ArrayList<>();
      for (JsonNode p : panels()) {
        for (JsonNode t : p.path("targets")) {
          all.add(new Query(file, p.path("title").asText(), t.path("expr").asText()));
        }
      }
      return all;
    }
  }

  /** One target's PromQL, named for messages as dashboard / panel: expr. */
  record Query(String dashboard, String panel, String expr) {
    @Override
    public String toString() {
      return dashboard + " / " + panel + ": " + expr;
    }
  }

  static List<Dashboard> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      List<Dashboard> all = new ArrayList<>();
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        all.add(new Dashboard(f.getFileName().toString(), JSON.readTree(f.toFile())));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
