package dev.ciorchestrator.config.model;

/** Where a value was written: file relative to the config path, 1-based line and column. */
public record SourcePosition(String file, int line, int column) {
  public static SourcePosition ofFile(String file) {
    return new SourcePosition(file, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
