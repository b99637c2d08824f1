package dev.ciorchestrator.forge.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The id of one {@code /test} or {@code /retest} request: the comment it was written in, and its
 * place among that comment's requests. A comment with one request is known by the comment's id
 * alone, one with several by {@code <comment>#<index>}; the planner acknowledges by the rendered
 * id, and the adapter acknowledges the comment.
 *
 * @param count how many requests the comment holds
 */
public record RequestId(String commentId, int index, int count) {
  public RequestId {
    Objects.requireNonNull(commentId, "commentId");
    if (commentId.isEmpty() || commentId.contains("#")) {
      throw new IllegalArgumentException("not a comment id: '" + commentId + "'");
    }
    if (index < 0 || count < 1 || index >= count) {
      throw new IllegalArgumentException("request " + index + " of " + count);
    }
  }

  /** As the planner sees it: the comment id, or {@code <comment>#<index>} among several. */
  public String render() {
    return count == 1 ? commentId : commentId + "#" + index;
  }

  /** The comment a rendered id names; the whole id when it has no index. */
  public static String commentOf(String rendered) {
    int hash = rendered.indexOf('#');
    return hash < 0 ? rendered : rendered.substring(0, hash);
  }

  /** Every rendered id a comment holding {@code count} requests can have. */
  public static List<String> allOf(String commentId, int count) {
    List<String> ids = new ArrayList<>();
    ids.add(commentId);
    for (int i = 0; i < count; i++) {
      ids.add(commentId + "#" + i);
    }
    return ids;
  }
}
