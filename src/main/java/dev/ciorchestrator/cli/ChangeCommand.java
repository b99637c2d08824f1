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
import java.util.Optional;
import java.util.Set;

/**
 * {@code ci-orchestrator change ...}: the embedded local forge's changes, through the running
 * service's API ({@code --server}, else {@code CI_ORCHESTRATOR_SERVER}, else localhost:8080), as
 * the user whose token it sends ({@code --token}, else {@code CI_ORCHESTRATOR_TOKEN}). It never
 * starts Quarkus, so it answers as fast as the service does.
 */
final class ChangeCommand {
  static final String DEFAULT_SERVER = "http://localhost:8080";

  static final String USAGE =
      """
      usage: ci-orchestrator change <subcommand> [--server URL] [--token TOKEN]
        list <owner/name> [--all]
        show <owner/name> <N>
        open <owner/name> --source B [--target main] --title T [--draft]
        comment <owner/name> <N> --body TEXT
        review <owner/name> <N> --state approved|changes_requested|commented
        label <owner/name> <N> <label> [--remove]
        close <owner/name> <N>
      A write acts as the owner of the token (--token, else CI_ORCHESTRATOR_TOKEN; on one
      computer, user U's token is in .ci-orchestrator/tokens/U). --author A, where taken, only
      checks that the token is A's. The server: --server, else CI_ORCHESTRATOR_SERVER, else
      http://localhost:8080.
      """;

  private ChangeCommand() {}

  /** What the command reads from the environment; a field is null when the variable is unset. */
  record Env(String server, String token) {
    static Env system() {
      return new Env(
          System.getenv("CI_ORCHESTRATOR_SERVER"), System.getenv("CI_ORCHESTRATOR_TOKEN"));
    }
  }

  static int run(List<String> operands, PrintStream out, PrintStream err) {
    return run(operands, out, err, Env.system());
  }

  static int run(List<String> operands, PrintStream out, PrintStream err, Env env) {
    if (operands.isEmpty()) {
      return usage(err, "change needs a subcommand");
    }
    try {
      Request request = request(operands.get(0), operands.subList(1, operands.size()));
      String server = request.args().option("server").orElse(blankToNull(env.server()));
      String token = token(request.args(), env);
      ServiceClient client = new ServiceClient(server == null ? DEFAULT_SERVER : server, token);
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

  /** One API call a subcommand makes. */
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
      case "comment" ->
          fieldPost(rest, "body", "comment <owner/name> <N> --body TEXT", "/comments");
      // No commit: the service records the review on the change's head, with no race.
      case "review" ->
          fieldPost(rest, "state", "review <owner/name> <N> --state STATE", "/reviews");
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
    a.expectWords(1, "open <owner/name> --source B --title T");
    ObjectNode body =
        author(a)
            .put("title", a.required("title"))
            .put("source", a.required("source"))
            .put("target", a.option("target").orElse("main"))
            .put("draft", a.flag("draft"));
    return new Request(a, c -> c.call("POST", changes(a), body));
  }

  /** A POST to {@code suffix} of a change whose body is the option {@code field} (and --author). */
  private static Request fieldPost(List<String> rest, String field, String usage, String suffix)
      throws UsageException {
    ChangeArgs a = parse(rest, Set.of("author", field), Set.of());
    a.expectWords(2, usage);
    ObjectNode body = author(a).put(field, a.required(field));
    String path = change(a) + suffix;
    return new Request(a, c -> c.call("POST", path, body));
  }

  // The token says who acts; an --author given is sent so the service checks it is the same.
  private static ObjectNode author(ChangeArgs a) {
    ObjectNode body = json();
    a.option("author").ifPresent(author -> body.put("author", author));
    return body;
  }

  private static String token(ChangeArgs a, Env env) throws UsageException {
    Optional<String> flag = a.option("token");
    if (flag.isPresent() && flag.get().isBlank()) {
      throw new UsageException("--token must not be blank");
    }
    String token = flag.orElse(blankToNull(env.token()));
    return token == null ? null : token.strip();
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
    return field.isEmpty() || answer.status() == 401 ? text : text + " (field '" + field + "')";
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
