package dev.ciorchestrator.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.domain.RunResults.Finding;
import dev.ciorchestrator.intake.JsonProblem;
import dev.ciorchestrator.intake.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 results: {@code runs[].results[]} with their level, rule, message and first location.
 * Read with the project's strict JSON reading (UTF-8, one object, no duplicate keys). A result
 * without a level takes its rule's {@code defaultConfiguration.level}, else {@code warning}, as the
 * specification says; {@code none} counts as a note.
 */
public final class SarifParser {
  private static final ObjectMapper JSON = StrictJson.configure(new ObjectMapper());
  private static final Map<String, String> LEVELS =
      Map.of("error", "error", "warning", "warning", "note", "note", "none", "note");

  private SarifParser() {}

  public static List<Finding> parse(byte[] content) throws ReportException {
    JsonNode root;
    try {
      root = StrictJson.read(content, JSON, JsonNode.class);
    } catch (JsonProblem e) {
      throw new ReportException("not a SARIF JSON object: " + e.getMessage(), e);
    }
    if (!root.path("runs").isArray()) {
      throw new ReportException("not SARIF: no runs array");
    }
    List<Finding> out = new ArrayList<>();
    for (JsonNode run : root.path("runs")) {
      Map<String, String> ruleLevels = RuleLevels.of(run);
      for (JsonNode result : run.path("results")) {
        out.add(finding(result, ruleLevels));
      }
    }
    return out;
  }

  private static Finding finding(JsonNode result, Map<String, String> ruleLevels) {
    String rule = result.path("ruleId").asText(result.path("rule").path("id").asText(""));
    String level = result.path("level").asText(ruleLevels.getOrDefault(rule, "warning"));
    JsonNode physical = result.path("locations").path(0).path("physicalLocation");
    String file = physical.path("artifactLocation").path("uri").asText("");
    int line = physical.path("region").path("startLine").asInt(0);
    String message = result.path("message").path("text").asText("");
    return new Finding(
        LEVELS.getOrDefault(level, "warning"),
        TestCase.cut(rule),
        TestCase.cut(message),
        TestCase.cut(stripFileScheme(file)),
        Math.max(line, 0));
  }

  /** {@code file:///work/x.go} from tools that write absolute URIs reads as the path. */
  private static String stripFileScheme(String uri) {
    return uri.startsWith("file://") ? uri.substring("file://".length()) : uri;
  }

  /** {@code tool.driver.rules[].defaultConfiguration.level} by rule id. */
  private static final class RuleLevels {
    static Map<String, String> of(JsonNode run) {
      Map<String, String> levels = new java.util.HashMap<>();
      for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
        String level = rule.path("defaultConfiguration").path("level").asText("");
        if (!level.isEmpty()) {
          levels.put(rule.path("id").asText(""), level);
        }
      }
      return levels;
    }
  }
}
