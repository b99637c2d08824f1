package dev.ciorchestrator.cache;

/**
 * Whose cache a run reads and writes. Trusted runs (pushes, schedules, changes by authors the
 * repository trusts) share one scope. A change by anyone else restores from the trusted scope (or
 * its own earlier saves) and saves only into its own scope, which no other run reads: a poisoned
 * cache can then hurt only the change that poisoned it (GitLab's split of protected and unprotected
 * caches answers the same attack).
 *
 * @param change 0 for the trusted scope
 */
public record CacheScope(long change) {
  public static final CacheScope TRUSTED = new CacheScope(0);

  public static CacheScope untrustedChange(long change) {
    if (change <= 0) {
      throw new IllegalArgumentException("an untrusted scope belongs to a change, got " + change);
    }
    return new CacheScope(change);
  }

  public boolean trusted() {
    return change == 0;
  }

  /**
   * The scope {@link #wire()} wrote.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static CacheScope ofWire(String wire) {
    if (wire.equals("trusted")) {
      return TRUSTED;
    }
    if (wire.matches("change-[1-9][0-9]{0,17}")) {
      return untrustedChange(Long.parseLong(wire.substring("change-".length())));
    }
    throw new IllegalArgumentException(
        "a cache scope is `trusted` or `change-<n>`, got `" + wire + "`");
  }

  /** As part of a key: {@code trusted} or {@code change-<n>}. */
  public String wire() {
    return trusted() ? "trusted" : "change-" + change;
  }
}
