package dev.ciorchestrator.executor.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The deployment settings of the Kubernetes executor that the API server (or the kubelet) would
 * refuse in every Job it is sent. Checked when the service starts, so a typo stops the service with
 * a message naming the key, instead of ending every run in {@code error} at Job creation.
 */
final class SettingsCheck {
  static final String PREFIX = "ci.executor.kubernetes.";

  private SettingsCheck() {}

  /** Every problem, each naming its key; empty when the Jobs these settings render are valid. */
  static List<String> problems(RenderOptions o, Optional<String> namespace) {
    List<String> out = new ArrayList<>();
    if (o.ttlSecondsAfterFinished() < 0) {
      out.add(
          key("ttl-seconds-after-finished")
              + " must be 0 or more (seconds), got "
              + o.ttlSecondsAfterFinished());
    }
    if (o.runAsUser() < 1 || o.runAsUser() > Integer.MAX_VALUE) {
      out.add(
          key("run-as-user")
              + " must be between 1 and 2147483647 (pods run as non-root), got "
              + o.runAsUser());
    }
    if (o.initImage().isBlank() || !o.initImage().equals(o.initImage().strip())) {
      out.add(key("init-image") + " must be an image name without surrounding whitespace");
    }
    namespace
        .filter(n -> !JobNames.isDnsLabel(n))
        .ifPresent(n -> out.add(key("namespace") + " '" + n + "' is not a DNS-1123 label"));
    subdomain(out, "service-account", o.serviceAccount());
    subdomain(out, "git-credentials-secret", o.gitCredentialsSecret());
    subdomain(out, "env-secret", o.envSecret());
    subdomain(out, "cache-claim", o.cacheClaim());
    subdomain(out, "govulndb-claim", o.govulndbClaim());
    if (o.utilityImage().isBlank() || !o.utilityImage().equals(o.utilityImage().strip())) {
      out.add(key("utility-image") + " must be an image name without surrounding whitespace");
    }
    if (o.utilityCommand().isEmpty()) {
      out.add(key("utility-command") + " must name how the utility image starts the jar");
    }
    for (Map.Entry<String, String> label : new TreeMap<>(o.nodeSelector()).entrySet()) {
      String where = key("node-selector") + " '" + label.getKey() + "'";
      if (!JobNames.isLabelKey(label.getKey())) {
        out.add(where + " is not a label key (an optional DNS-1123 prefix and '/', then" + NAME);
      }
      if (!JobNames.isLabelValue(label.getValue())) {
        out.add(
            where + ": value '" + label.getValue() + "' is not a label value (empty, or" + NAME);
      }
    }
    return out;
  }

  private static final String NAME =
      " up to 63 letters, digits, '-', '_' or '.', beginning and ending alphanumeric)";

  private static void subdomain(List<String> out, String name, Optional<String> value) {
    value
        .filter(v -> !JobNames.isSubdomain(v))
        .ifPresent(
            v ->
                out.add(
                    key(name)
                        + " '"
                        + v
                        + "' is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.',"
                        + " beginning and ending alphanumeric, at most 253)"));
  }

  private static String key(String name) {
    return PREFIX + name;
  }
}
