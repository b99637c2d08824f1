package dev.ciorchestrator.config.model;

/** How an approved change lands: {@code merge | squash | rebase | fast-forward}. */
public enum MergeMethod {
  MERGE("merge"),
  SQUASH("squash"),
  REBASE("rebase"),
  FAST_FORWARD("fast-forward");

  private final String wire;

  MergeMethod(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
