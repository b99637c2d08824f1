package dev.ciorchestrator.forge.github.webhook;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The events {@code POST /hooks/github} acts on, with only the fields it needs; GitHub's other
 * fields are ignored. Field names follow GitHub's JSON in snake case ({@code fullName} is {@code
 * full_name}). {@link EventParser} guarantees the fields each event's Javadoc calls required.
 */
public sealed interface GitHubEvent {
  /** The {@code X-GitHub-Event} name. */
  String name();

  /** The {@code action}; empty for events without one ({@code push}, {@code ping}). */
  default String action() {
    return "";
  }

  /** {@code repository.full_name}; required for all events but {@code ping}. */
  Optional<String> repositoryName();

  /** {@code repository}: required {@code full_name}, and the URLs it is cloned from. */
  record Repo(String fullName, String cloneUrl, String sshUrl, String gitUrl, String htmlUrl) {
    /** Every URL the repository is known by, none null. */
    public List<String> urls() {
      return Stream.of(cloneUrl, sshUrl, gitUrl, htmlUrl).filter(u -> u != null).toList();
    }
  }

  record User(String login) {}

  record Ref(String ref, String sha) {}

  record PullRequest(Long number, Ref head, Ref base, User user, Boolean draft) {}

  /**
   * {@code pull_request}; required: {@code action}, {@code repository.full_name}, {@code
   * pull_request.number}, {@code pull_request.head.sha}.
   */
  record PullRequestEvent(String action, PullRequest pullRequest, Repo repository, User sender)
      implements GitHubEvent {
    @Override
    public String name() {
      return "pull_request";
    }

    @Override
    public Optional<String> repositoryName() {
      return Optional.of(repository.fullName());
    }
  }

  /** {@code issue.pull_request} is present only when the issue is a pull request. */
  record Issue(Long number, Object pullRequest) {
    public boolean isPullRequest() {
      return pullRequest != null;
    }
  }

  /** {@code comment.body} may be empty; {@code comment.user.login} is required. */
  record Comment(String body, User user) {}

  /**
   * {@code issue_comment} (on issues and pull requests alike); required: {@code action}, {@code
   * repository.full_name}, {@code issue.number}, {@code comment.user.login}.
   */
  record IssueCommentEvent(String action, Issue issue, Comment comment, Repo repository)
      implements GitHubEvent {
    @Override
    public String name() {
      return "issue_comment";
    }

    @Override
    public Optional<String> repositoryName() {
      return Optional.of(repository.fullName());
    }

    /** The comment's text, {@code ""} when GitHub sent none. */
    public String body() {
      return comment.body() == null ? "" : comment.body();
    }
  }

  record Review(String state, String body, User user) {}

  /**
   * {@code pull_request_review}; required: {@code action}, {@code repository.full_name}, {@code
   * pull_request.number}.
   */
  record ReviewEvent(String action, Review review, PullRequest pullRequest, Repo repository)
      implements GitHubEvent {
    @Override
    public String name() {
      return "pull_request_review";
    }

    @Override
    public Optional<String> repositoryName() {
      return Optional.of(repository.fullName());
    }
  }

  /**
   * {@code push}; required: {@code ref} ({@code refs/heads/main}, {@code refs/tags/v1}), {@code
   * after} (all zeros when the ref was deleted), {@code repository.full_name}.
   */
  record PushEvent(String ref, String before, String after, Boolean deleted, Repo repository)
      implements GitHubEvent {
    @Override
    public String name() {
      return "push";
    }

    @Override
    public Optional<String> repositoryName() {
      return Optional.of(repository.fullName());
    }
  }

  /** {@code ping}, sent when a webhook is created; nothing is required. */
  record PingEvent(String zen, Long hookId, Repo repository) implements GitHubEvent {
    @Override
    public String name() {
      return "ping";
    }

    @Override
    public Optional<String> repositoryName() {
      return Optional.ofNullable(repository).map(Repo::fullName);
    }
  }
}
