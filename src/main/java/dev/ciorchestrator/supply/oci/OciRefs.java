package dev.ciorchestrator.supply.oci;

/** Names in the OCI world: tags for runs and referrers. */
public final class OciRefs {
  private OciRefs() {}

  /**
   * {@code sha256-<hex>}: where a registry without the referrers API keeps a subject's referrers.
   */
  public static String referrersTag(String digest) {
    return digest.replace(':', '-');
  }

  /**
   * A branch name as a tag: tags allow {@code [A-Za-z0-9_.-]}, at most 128 characters, not starting
   * with {@code .} or {@code -}; {@code feature/x} becomes {@code feature-x}.
   */
  public static String branchTag(String ref) {
    String name = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    String tag = name.replaceAll("[^A-Za-z0-9_.-]", "-").replaceAll("^[.-]+", "");
    return tag.length() > 128 ? tag.substring(0, 128) : tag;
  }
}
