package dev.ciorchestrator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.run.RunQuery;
import dev.ciorchestrator.run.postgres.PageSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the server itself spends on a page's statement ({@code EXPLAIN (ANALYZE, BUFFERS)} of the
 * exact {@link PageSql} the store runs), beside the client's wall time: on a loaded machine the
 * difference is the time the bench waited for a CPU, the network stack and the driver.
 */
final class ServerTime {
  private final DataSource db;
  private final ObjectMapper json = new ObjectMapper();

  ServerTime(DataSource db) {
    this.db = db;
  }

  Samples samples(String what) {
    return new Samples(what);
  }

  /** The execution times of one kind of page, and the first plan seen. */
  final class Samples {
    private final String what;
    private final List<Double> ms = new ArrayList<>();
    private String plan = "";

    private Samples(String what) {
      this.what = what;
    }

    /** Explains {@code query} on every {@code n}th sample {@code i}. */
    void every(int n, int i, RunQuery query) throws SQLException, java.io.IOException {
      if (i % n != 0) {
        return;
      }
      PageSql page = PageSql.of(query);
      try (Connection c = db.getConnection();
          PreparedStatement s =
              c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + page.sql())) {
        for (int p = 0; p < page.params().size(); p++) {
          s.setObject(p + 1, page.params().get(p));
        }
        try (ResultSet r = s.executeQuery()) {
          r.next();
          JsonNode root = json.readTree(r.getString(1)).get(0);
          ms.add(root.get("Execution Time").asDouble());
          if (plan.isEmpty()) {
            plan = describe(root.get("Plan"), "");
          }
        }
      }
    }

    void print() {
      double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(
          "server-side (EXPLAIN ANALYZE execution time), %s, %d samples: p50 %.3f ms · p95 %.3f ms"
              + " · p99 %.3f ms%n%s",
          what,
          sorted.length,
          sorted[sorted.length / 2],
          sorted[sorted.length * 95 / 100],
          sorted[sorted.length * 99 / 100],
          plan);
    }

    private String describe(JsonNode node, String indent) {
      StringBuilder out = new StringBuilder(indent).append("  ").append(node.get("Node Type"));
      for (String field : List.of("Index Name", "Index Cond", "Filter")) {
        if (node.has(field)) {
          out.append(" · ").append(field).append(": ").append(node.get(field).asText());
        }
      }
      out.append(" · rows ").append(node.get("Actual Rows"));
      out.append(" · shared hit ").append(node.get("Shared Hit Blocks"));
      out.append(" read ").append(node.get("Shared Read Blocks")).append('\n');
      for (JsonNode child : node.path("Plans")) {
        out.append(describe(child, indent + "  "));
      }
      return out.toString();
    }
  }
}
