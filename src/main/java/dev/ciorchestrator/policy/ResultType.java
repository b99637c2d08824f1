package dev.ciorchestrator.policy;

/** The type an expression must have, checked when it is compiled. */
public enum ResultType {
  BOOL("bool"),
  STRING("string");

  private final String celName;

  ResultType(String celName) {
    this.celName = celName;
  }

  public String celName() {
    return celName;
  }
}
