package dev.ciorchestrator.domain;

import java.util.List;

/** List helpers the change-skipping code shares. */
public final class Lists {
  private Lists() {}

  /**
   * The same elements, by identity, in the same order: how an unchanged input is recognised cheaply
   * where producers reuse instances for unchanged values.
   */
  public static boolean sameInstances(List<?> a, List<?> b) {
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
