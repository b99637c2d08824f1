package dev.ciorchestrator.executor.kubernetes;

import dev.ciorchestrator.domain.Names;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Kubernetes-safe names and label values for runs. Run ids ({@link
 * dev.ciorchestrator.domain.Names#runId}) already are DNS-1123 labels, so a Job is normally named
 * exactly by its run id; anything else (a hand-made id, a future id format) is sanitised and keeps
 * a hash of the original, so two different ids can never share a Job name in practice.
 */
public final class JobNames {
  static final String PREFIX = "ci-orchestrator.dev/";
  public static final String LABEL_RUN = PREFIX + "run";
  public static final String LABEL_REPO = PREFIX + "repo";
  public static final String LABEL_CHANGE = PREFIX + "change";
  public static final String LABEL_SHA = PREFIX + "sha";
  public static final String LABEL_JOB = PREFIX + "job";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "ci-orchestrator";

  private static final int MAX = 63;
  private static final int HASH = 10;
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
  private static final int MAX_SUBDOMAIN = 253;
  private static final Pattern NOT_NAME = Pattern.compile("[^a-z0-9-]+");
  private static final Pattern NOT_VALUE = Pattern.compile("[^A-Za-z0-9._-]+");
  private static final Pattern EDGE_NAME = Pattern.compile("^[^a-z0-9]+|[^a-z0-9]+$");
  private static final Pattern EDGE_VALUE = Pattern.compile("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$");

  private JobNames() {}

  /** A DNS-1123 subdomain, as Secret and ServiceAccount names must be. */
  static boolean isSubdomain(String name) {
    return name.length() <= MAX_SUBDOMAIN && DNS_SUBDOMAIN.matcher(name).matches();
  }

  /** A DNS-1123 label, as namespaces must be. */
  static boolean isDnsLabel(String name) {
    return DNS_LABEL.matcher(name).matches();
  }

  /** A label value: empty, or up to 63 letters, digits, {@code -_.}, alphanumeric at both ends. */
  static boolean isLabelValue(String value) {
    return LABEL_VALUE.matcher(value).matches();
  }

  /** A label key: a non-empty label value, after an optional DNS-1123 subdomain and a slash. */
  static boolean isLabelKey(String key) {
    int slash = key.indexOf('/');
    String name = key.substring(slash + 1);
    boolean prefixOk = slash < 0 || isSubdomain(key.substring(0, slash));
    return prefixOk && !name.isEmpty() && isLabelValue(name);
  }

  /** The Job (and so the run label) name of {@code runId}: itself when it is a DNS-1123 label. */
  public static String jobName(String runId) {
    if (DNS_LABEL.matcher(runId).matches()) {
      return runId;
    }
    String clean =
        EDGE_NAME
            .matcher(NOT_NAME.matcher(runId.toLowerCase(Locale.ROOT)).replaceAll("-"))
            .replaceAll("");
    return shorten(clean, runId, '-');
  }

  /**
   * {@code value} as a label value: unchanged when valid; otherwise its allowed characters, cut to
   * fit, plus a hash of the whole value. Labels are for selecting; the full value goes into an
   * annotation of the same key.
   */
  public static String labelValue(String value) {
    if (LABEL_VALUE.matcher(value).matches()) {
      return value;
    }
    String clean = EDGE_VALUE.matcher(NOT_VALUE.matcher(value).replaceAll("_")).replaceAll("");
    return shorten(clean, value, '_');
  }

  private static String shorten(String clean, String original, char joint) {
    int room = MAX - HASH - 1;
    String head = clean.length() > room ? clean.substring(0, room) : clean;
    head = head.replaceAll("[^A-Za-z0-9]+$", "");
    String hash = Names.hash(original, HASH);
    return head.isEmpty() ? "x" + hash : head + joint + hash;
  }
}
