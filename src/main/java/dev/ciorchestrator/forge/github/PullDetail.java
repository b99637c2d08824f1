package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.domain.Lists;
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
        && Lists.sameInstances(files, other.files)
        && Lists.sameInstances(reviews, other.reviews)
        && Lists.sameInstances(comments, other.comments);
  }
}
