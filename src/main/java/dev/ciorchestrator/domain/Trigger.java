package dev.ciorchestrator.domain;

/** Why a run exists. The wire names appear in run records, metrics and reports. */
public enum Trigger {
  PULL_REQUEST("pull_request"),
  PUSH("push"),
  SCHEDULE("schedule"),
  COMMAND("command"),
  /** A run of a merge-queue batch: the batch's required jobs on the commit it would make. */
  MERGE_QUEUE("merge_queue");

  private final String wire;

  Trigger(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
