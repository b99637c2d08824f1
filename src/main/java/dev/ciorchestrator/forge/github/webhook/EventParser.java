package dev.ciorchestrator.forge.github.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.IssueCommentEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PingEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PullRequestEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.PushEvent;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.Repo;
import dev.ciorchestrator.forge.github.webhook.GitHubEvent.ReviewEvent;
import dev.ciorchestrator.intake.JsonProblem;
import dev.ciorchestrator.intake.StrictJson;
import java.util.Map;
import java.util.Set;

/**
 * Reads a delivery body into its {@link GitHubEvent}: strict JSON ({@link StrictJson}: UTF-8, one
 * object, no duplicate key, no coercion), tolerant of every field it does not need (so GitHub may
 * add fields freely), strict about the few it does, naming the JSON path of any that is missing, of
 * the wrong type or out of range.
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

  // strict about what it reads (no coercion, no duplicate keys), tolerant of fields it ignores
  private static final ObjectMapper JSON =
      StrictJson.configure(new ObjectMapper())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private EventParser() {}

  public static boolean handles(String event) {
    return TYPES.containsKey(event);
  }

  /**
   * @param event the {@code X-GitHub-Event} header, one of {@link #EVENTS}
   * @throws JsonProblem naming the field when the body is not JSON, not an object, or lacks a
   *     required field
   */
  public static GitHubEvent parse(String event, byte[] body) throws JsonProblem {
    Class<? extends GitHubEvent> type = TYPES.get(event);
    if (type == null) {
      throw new IllegalArgumentException("not a handled event: " + event);
    }
    GitHubEvent parsed = StrictJson.read(body, JSON, type);
    check(parsed);
    return parsed;
  }

  private static void check(GitHubEvent event) throws JsonProblem {
    if (event instanceof PullRequestEvent e) {
      require(e.action(), "action");
      repository(e.repository());
      require(e.pullRequest(), "pull_request");
      positive(e.pullRequest().number(), "pull_request.number");
      require(e.pullRequest().head(), "pull_request.head");
      require(e.pullRequest().head().sha(), "pull_request.head.sha");
    } else if (event instanceof IssueCommentEvent e) {
      require(e.action(), "action");
      repository(e.repository());
      require(e.issue(), "issue");
      positive(e.issue().number(), "issue.number");
      require(e.comment(), "comment");
      require(e.comment().user(), "comment.user");
      require(e.comment().user().login(), "comment.user.login");
    } else if (event instanceof ReviewEvent e) {
      require(e.action(), "action");
      repository(e.repository());
      require(e.pullRequest(), "pull_request");
      positive(e.pullRequest().number(), "pull_request.number");
    } else if (event instanceof PushEvent e) {
      require(e.ref(), "ref");
      require(e.after(), "after");
      repository(e.repository());
    } else if (event instanceof PingEvent e) {
      if (e.hookId() != null) {
        positive(e.hookId(), "hook_id");
      }
      if (e.repository() != null) {
        repository(e.repository());
      }
    }
  }

  private static void repository(Repo repo) throws JsonProblem {
    require(repo, "repository");
    require(repo.fullName(), "repository.full_name");
  }

  /** A pull request, issue or hook number: GitHub's are never 0 nor negative. */
  private static void positive(Long value, String path) throws JsonProblem {
    require(value, path);
    if (value < 1) {
      throw new JsonProblem(path + " must be a positive whole number, not " + value, path);
    }
  }

  private static void require(Object value, String path) throws JsonProblem {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new JsonProblem("missing field '" + path + "'", path);
    }
  }
}
