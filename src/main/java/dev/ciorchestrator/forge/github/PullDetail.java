package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Everything read about one pull request in one listing. Unchanged answers (a 304) are the very
 * same JSON objects as before, which is how a listing tells "nothing new" without comparing text.
 */
record PullDetail(
    JsonNode pull,
    List<JsonNode> files,
    List<JsonNode> reviews,
    List<JsonNode> comments,
    JsonNode status) {
  PullDetail {
    files = List.copyOf(files);
    reviews = List.copyOf(reviews);
    comments = List.copyOf(comments);
  }

  boolean sameAnswers(PullDetail other) {
    return other != null
        && pull == other.pull
        && status == other.status
        && same(files, other.files)
        && same(reviews, other.reviews)
        && same(comments, other.comments);
  }

  private static boolean same(List<JsonNode> a, List<JsonNode> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }
}
