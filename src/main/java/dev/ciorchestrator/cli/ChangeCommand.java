package dev.ciorchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ciorchestrator.cli.ChangeArgs.UsageException;
import dev.ciorchestrator.cli.ServiceClient.Answer;
import dev.ciorchestrator.cli.ServiceClient.CallException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code ci-orchestrator change ...}: the embedded local forge's changes, through the running
 * service's API ({@code --server}, else {@code CI_ORCHESTRATOR_SERVER}, else localhost:8080). It
 * never starts Quarkus, so it answers as fast as the service does.
 */
final class ChangeCommand {
  static final String DEFAULT_SERVER = "http://localhost:8080";

  static final String USAGE =
      """
      usage: ci-orchestrator change <subcommand> [--server URL]
        list <owner/name> [--all]
        show <owner/name> <N>
        open <owner/name> --source B [--target main] --title T --author A [--draft]
        comment <owner/name> <N> --author A --body TEXT
        review <owner/name> <N> --author A --state approved|changes_requested|commented
        label <owner/name> <N> <label> [--remove]
        close <owner/name> <N>
      """;

  private ChangeCommand() {}

  static int run(List<String> operands, PrintStream out, PrintStream err) {
    return run(operands, out, err, System.getenv("CI_ORCHESTRATOR_SERVER"));
  }

  static int run(List<String> operands, PrintStream out, PrintStream err, String envServer) {
    if (operands.isEmpty()) {
      return usage(err, "change needs a subcommand");
    }
    try {
      Request request = request(operands.get(0), operands.subList(1, operands.size()));
      String server = request.args().option("server").orElse(blankToNull(envServer));
      ServiceClient client = new ServiceClient(server == null ? DEFAULT_SERVER : server);
      Answer answer = request.send(client);
      if (!answer.ok()) {
        err.println("ci-orchestrator: " + refusal(answer));
        return Cli.FAILED;
      }
      out.println(ServiceClient.JSON.writeValueAsString(answer.body()));
      return Cli.OK;
    } catch (UsageException e) {
      return usage(err, e.getMessage());
    } catch (CallException e) {
      err.println("ci-orchestrator: " + e.getMessage());
      return Cli.FAILED;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      err.println("ci-orchestrator: cannot print the answer: " + e.getOriginalMessage());
      return Cli.FAILED;
    }
  }

  /** One API call a subcommand makes; {@code review} first reads the change for its head. */
  private interface Call {
    Answer send(ServiceClient client) throws CallException, UsageException;
  }

  private record Request(ChangeArgs args, Call call) {
    Answer send(ServiceClient client) throws CallException, UsageException {
      return call.send(client);
    }
  }

  private static Request request(String sub, List<String> rest) throws UsageException {
    return switch (sub) {
      case "list" -> {
        ChangeArgs a = parse(rest, Set.of(), Set.of("all")).expectWords(1, "list <owner/name>");
        String query = a.flag("all") ? "?state=all" : "";
        yield new Request(a, c -> c.call("GET", changes(a) + query, null));
      }
      case "show" -> {
        ChangeArgs a = parse(rest, Set.of(), Set.of()).expectWords(2, "show <owner/name> <N>");
        String path = change(a);
        yield new Request(a, c -> c.call("GET", path, null));
      }
      case "open" -> open(rest);
      case "comment" -> {
        ChangeArgs a = parse(rest, Set.of("author", "body"), Set.of());
        a.expectWords(2, "comment <owner/name> <N> --author A --body TEXT");
        ObjectNode body =
            json().put("author", a.required("author")).put("body", a.required("body"));
        String path = change(a) + "/comments";
        yield new Request(a, c -> c.call("POST", path, body));
      }
      case "review" -> review(rest);
      case "label" -> {
        ChangeArgs a = parse(rest, Set.of(), Set.of("remove"));
        a.expectWords(3, "label <owner/name> <N> <label> [--remove]");
        String path = change(a) + "/labels/" + segment(a.words().get(2));
        String method = a.flag("remove") ? "DELETE" : "PUT";
        yield new Request(a, c -> c.call(method, path, null));
      }
      case "close" -> {
        ChangeArgs a = parse(rest, Set.of(), Set.of()).expectWords(2, "close <owner/name> <N>");
        String path = change(a) + "/close";
        yield new Request(a, c -> c.call("POST", path, null));
      }
      default -> throw new UsageException("unknown change subcommand '" + sub + "'");
    };
  }

  private static Request open(List<String> rest) throws UsageException {
    ChangeArgs a = parse(rest, Set.of("source", "target", "title", "author"), Set.of("draft"));
    a.expectWords(1, "open <owner/name> --source B --title T --author A");
    ObjectNode body =
        json()
            .put("title", a.required("title"))
            .put("author", a.required("author"))
            .put("source", a.required("source"))
            .put("target", a.option("target").orElse("main"))
            .put("draft", a.flag("draft"));
    return new Request(a, c -> c.call("POST", changes(a), body));
  }

  // The API wants the commit reviewed; from the command line that is the change's current head.
  private static Request review(List<String> rest) throws UsageException {
    ChangeArgs a = parse(rest, Set.of("author", "state"), Set.of());
    a.expectWords(2, "review <owner/name> <N> --author A --state STATE");
    String path = change(a);
    ObjectNode body = json().put("author", a.required("author")).put("state", a.required("state"));
    return new Request(
        a,
        c -> {
          Answer change = c.call("GET", path, null);
          if (!change.ok()) {
            return change;
          }
          body.put("commit", change.body().path("head").asText());
          return c.call("POST", path + "/reviews", body);
        });
  }

  private static ChangeArgs parse(List<String> rest, Set<String> valued, Set<String> flags)
      throws UsageException {
    return ChangeArgs.parse(rest, valued, flags);
  }

  private static String changes(ChangeArgs a) {
    String[] parts = a.repo().split("/");
    return "/api/v1/repos/" + segment(parts[0]) + "/" + segment(parts[1]) + "/changes";
  }

  private static String change(ChangeArgs a) throws UsageException {
    return changes(a) + "/" + a.number();
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static ObjectNode json() {
    return ServiceClient.JSON.createObjectNode();
  }

  private static String refusal(Answer answer) {
    JsonNode error = answer.body().path("error");
    String field = answer.body().path("field").asText("");
    String text = error.isTextual() ? error.asText() : "the service answered " + answer.status();
    return field.isEmpty() ? text : text + " (field '" + field + "')";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("ci-orchestrator: " + problem);
    err.print(USAGE);
    return Cli.USAGE;
  }
}
