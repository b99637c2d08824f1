package dev.ciorchestrator.reconcile;

/** Small wording helpers shared by the reasons the planner writes. */
final class Text {
  private static final int SHORT_SHA = 7;

  private Text() {}

  /** The first seven characters, as forges show a SHA to people. */
  static String shortSha(String sha) {
    return sha.length() > SHORT_SHA ? sha.substring(0, SHORT_SHA) : sha;
  }
}
