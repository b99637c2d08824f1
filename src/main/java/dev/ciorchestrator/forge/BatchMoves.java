package dev.ciorchestrator.forge;

import dev.ciorchestrator.domain.Names;

/** The one wording of "the branch moved under a tested batch", whichever forge says it. */
public final class BatchMoves {
  private BatchMoves() {}

  public static String moved(String branch, String expected, String actual) {
    return branch
        + " moved from "
        + Names.shortSha(expected)
        + " to "
        + (actual.isEmpty() ? "nothing" : Names.shortSha(actual))
        + " since the batch was tested";
  }
}
