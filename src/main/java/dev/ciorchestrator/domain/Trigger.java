package dev.ciorchestrator.domain;

/** Why a run exists. The wire names appear in run records, metrics and reports. */
public enum Trigger {
  PULL_REQUEST("pull_request"),
  PUSH("push"),
  SCHEDULE("schedule"),
  COMMAND("command");

  private final String wire;

  Trigger(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
