package dev.ciorchestrator.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place that makes names: run ids, commit status contexts, labels. Kubernetes objects,
 * local run records and statuses all take their names from here, so they always agree.
 */
public final class Names {
  public static final int MAX_NAME = 63;
  private static final int HASH_CHARS = 12;
  private static final int BATCH_ID_CHARS = 16;
  // Compiled once: run ids are made for every job of every open change on each plan.
  private static final Pattern NOT_NAME_CHARS = Pattern.compile("[^a-z0-9-]+");
  private static final Pattern LEADING_DASHES = Pattern.compile("^-+");
  private static final Pattern TRAILING_DASHES = Pattern.compile("-+$");
  public static final String GATE_CONTEXT = "ci/gate";
  public static final String HOLD_LABEL = "hold";
  public static final String NEEDS_OK_TO_TEST_LABEL = "needs-ok-to-test";
  public static final String QUEUE_CONTEXT = "ci/queue";
  public static final String CONFIG_CONTEXT = "ci/config";
  public static final String POLICY_RELAXED_LABEL = "policy-relaxed";

  private Names() {}

  /**
   * A readable prefix plus a hash of the whole key, at most 63 characters and a valid Kubernetes
   * (DNS-1123 label) name: {@code go-test-pr12-a1b2c3d4e5f6}.
   */
  public static String runId(RunKey key) {
    String target =
        key.change() > 0
            ? "pr" + key.change()
            : key.ref().startsWith("schedule@") ? "cron" : key.batch() ? "queue" : "push";
    String prefix = sanitize(key.job() + "-" + target);
    int room = MAX_NAME - HASH_CHARS - 1;
    if (prefix.length() > room) {
      prefix = prefix.substring(0, room);
    }
    prefix = TRAILING_DASHES.matcher(prefix).replaceAll("");
    return (prefix.isEmpty() ? "run" : prefix) + "-" + hash(canonical(key));
  }

  /**
   * The id of a merge-queue batch: 16 hex digits of a hash over the repository, the target branch,
   * the base SHA and each change with its head, in order. Reordering, a new head or a new base is
   * another batch.
   */
  public static String batchId(BatchKey batch) {
    StringBuilder canonical =
        new StringBuilder(batch.repo())
            .append('\n')
            .append(batch.branch())
            .append('\n')
            .append(batch.baseSha());
    for (BatchKey.Member m : batch.members()) {
      canonical.append('\n').append(m.change()).append('@').append(m.headSha());
    }
    return hash(canonical.toString(), BATCH_ID_CHARS);
  }

  /** The first seven characters, as forges show a SHA to people. */
  public static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  public static String statusContext(String job) {
    return "ci/" + job;
  }

  static String canonical(RunKey key) {
    return String.join(
        "\n",
        key.repo(),
        Long.toString(key.change()),
        key.ref(),
        key.sha(),
        key.job(),
        Integer.toString(key.attempt()));
  }

  private static String sanitize(String raw) {
    String dashed = NOT_NAME_CHARS.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("-");
    return LEADING_DASHES.matcher(dashed).replaceAll("");
  }

  private static String hash(String text) {
    return hash(text, HASH_CHARS);
  }

  /**
   * The first {@code chars} hex digits of the SHA-256 of {@code text}: the one short, stable hash
   * that run ids, Job names and mirror folders use to stay unique after shortening or sanitising.
   */
  public static String hash(String text, int chars) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, chars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
