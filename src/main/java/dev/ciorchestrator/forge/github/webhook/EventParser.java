package dev.ciorchestrator.forge.github.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.IssueCommentEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PingEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PullRequestEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PushEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.Repo;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.ReviewEvent;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a delivery body into its {@link GitHubEvent}: tolerant of every field it does not need (so
 * GitHub may add fields freely), strict about the few it does, naming the JSON path of any that is
 * missing or of the wrong type.
 */
public final class EventParser {
  private static final Map<String, Class<? extends GitHubEvent>> TYPES =
      Map.of(
          "pull_request", PullRequestEvent.class,
          "issue_comment", IssueCommentEvent.class,
          "pull_request_review", ReviewEvent.class,
          "push", PushEvent.class,
          "ping", PingEvent.class);

  /** The event names handled; any other is answered 202 and ignored. */
  public static final Set<String> EVENTS = TYPES.keySet();

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private EventParser() {}

  public static boolean handles(String event) {
    return TYPES.containsKey(event);
  }

  /**
   * @param event the {@code X-GitHub-Event} header, one of {@link #EVENTS}
   * @throws MalformedPayloadException naming the field when the body is not JSON, not an object, or
   *     lacks a required field
   */
  public static GitHubEvent parse(String event, byte[] body) throws MalformedPayloadException {
    Class<? extends GitHubEvent> type = TYPES.get(event);
    if (type == null) {
      throw new IllegalArgumentException("not a handled event: " + event);
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException e) {
      throw new MalformedPayloadException("body is not JSON: " + describe(e), "");
    }
    if (tree == null || !tree.isObject()) {
      throw new MalformedPayloadException("body must be a JSON object", "");
    }
    GitHubEvent parsed;
    try {
      parsed = JSON.treeToValue(tree, type);
    } catch (JsonMappingException e) {
      String path = path(e);
      throw new MalformedPayloadException(path + " has the wrong type: " + expected(e), path);
    } catch (JsonProcessingException e) {
      throw new MalformedPayloadException("body is not readable: " + describe(e), "");
    }
    check(parsed);
    return parsed;
  }

  private static void check(GitHubEvent event) throws MalformedPayloadException {
    if (event instanceof PullRequestEvent e) {
      require(e.action(), "action");
      repository(e.repository());
      require(e.pullRequest(), "pull_request");
      require(e.pullRequest().number(), "pull_request.number");
      require(e.pullRequest().head(), "pull_request.head");
      require(e.pullRequest().head().sha(), "pull_request.head.sha");
    } else if (event instanceof IssueCommentEvent e) {
      require(e.action(), "action");
      repository(e.repository());
      require(e.issue(), "issue");
      require(e.issue().number(), "issue.number");
      require(e.comment(), "comment");
      require(e.comment().user(), "comment.user");
      require(e.comment().user().login(), "comment.user.login");
    } else if (event instanceof ReviewEvent e) {
      require(e.action(), "action");
      repository(e.repository());
      require(e.pullRequest(), "pull_request");
      require(e.pullRequest().number(), "pull_request.number");
    } else if (event instanceof PushEvent e) {
      require(e.ref(), "ref");
      require(e.after(), "after");
      repository(e.repository());
    } else if (event instanceof PingEvent e && e.repository() != null) {
      repository(e.repository());
    }
  }

  private static void repository(Repo repo) throws MalformedPayloadException {
    require(repo, "repository");
    require(repo.fullName(), "repository.full_name");
  }

  private static void require(Object value, String path) throws MalformedPayloadException {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new MalformedPayloadException("missing field '" + path + "'", path);
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String expected(JsonMappingException e) {
    if (!(e instanceof MismatchedInputException m) || m.getTargetType() == null) {
      return e.getOriginalMessage();
    }
    Class<?> target = m.getTargetType();
    if (Number.class.isAssignableFrom(target)) {
      return "expected a number";
    }
    if (target == String.class) {
      return "expected a string";
    }
    if (target == Boolean.class) {
      return "expected true or false";
    }
    return "expected an object";
  }

  private static String describe(IOException e) {
    String message =
        e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (e instanceof JsonProcessingException j && j.getLocation() != null) {
      return message
          + " (line "
          + j.getLocation().getLineNr()
          + ", column "
          + j.getLocation().getColumnNr()
          + ")";
    }
    return message;
  }
}
