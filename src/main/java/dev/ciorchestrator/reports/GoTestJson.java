package dev.ciorchestrator.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.reports.TestCase.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event stream of {@code go test -json} (one JSON object per line, {@code test2json}'s format),
 * read as test cases, so that a Go job needs no converter in its image: a {@code reports.junit}
 * file whose first character is <code>{</code> is read this way. A package that failed without a
 * failed test (it did not build) counts as one failed case named {@code (package)}.
 */
public final class GoTestJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GoTestJson() {}

  /** Whether the file looks like {@code go test -json} output rather than XML. */
  public static boolean looksLikeIt(byte[] content) {
    for (byte b : content) {
      if (!Character.isWhitespace(b)) {
        return b == '{';
      }
    }
    return false;
  }

  public static List<TestCase> parse(byte[] content) throws ReportException {
    String[] lines = new String(content, StandardCharsets.UTF_8).split("\n");
    Map<String, StringBuilder> output = new LinkedHashMap<>();
    List<TestCase> out = new ArrayList<>();
    Set<String> failedPackages = new LinkedHashSet<>();
    Set<String> packagesWithFailedTests = new LinkedHashSet<>();
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].stripLeading().startsWith("{")) {
        continue; // a build error on stderr, redirected into the file with 2>&1
      }
      JsonNode event = event(lines[i], i + 1);
      String pkg = event.path("Package").asText("");
      String test = event.path("Test").asText("");
      String action = event.path("Action").asText("");
      String id = pkg + "\u0000" + test;
      if (action.equals("output") && !test.isEmpty()) {
        StringBuilder text = output.computeIfAbsent(id, k -> new StringBuilder());
        if (text.length() < TestCase.MESSAGE_MAX) {
          text.append(event.path("Output").asText(""));
        }
      } else if (!test.isEmpty() && Set.of("pass", "fail", "skip").contains(action)) {
        Result result = result(action);
        if (result == Result.FAILED) {
          packagesWithFailedTests.add(pkg);
        }
        StringBuilder text = output.remove(id);
        String message = result == Result.PASSED || text == null ? "" : text.toString().strip();
        out.add(new TestCase(pkg, test, result, message));
      } else if (test.isEmpty() && (action.equals("fail") || action.equals("build-fail"))) {
        failedPackages.add(pkg);
      }
    }
    failedPackages.removeAll(packagesWithFailedTests);
    for (String pkg : failedPackages) {
      out.add(new TestCase(pkg, "(package)", Result.FAILED, "the package failed outside a test"));
    }
    return out;
  }

  private static JsonNode event(String line, int number) throws ReportException {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject()) {
        throw new ReportException("go test -json line " + number + " is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ReportException(
          "go test -json line " + number + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Result result(String action) {
    return switch (action) {
      case "pass" -> Result.PASSED;
      case "skip" -> Result.SKIPPED;
      default -> Result.FAILED;
    };
  }
}
