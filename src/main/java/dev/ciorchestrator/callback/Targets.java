package dev.ciorchestrator.callback;

import dev.ciorchestrator.config.model.Callback;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Repository;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which receivers hear an event: the deployment's callback, the repository's and (for runs) the
 * job's, each URL and secret once. Pure: the snapshot and the deployment's secrets come in.
 */
final class Targets {
  /**
   * One receiver.
   *
   * @param secret the secret's value; empty when the deployment lacks the named secret
   * @param origin where the callback is written, for log lines ({@code ci.yaml:12:5})
   * @param secretSetting the setting that holds (or should hold) the secret
   */
  record Target(URI url, Optional<String> secret, String origin, String secretSetting) {
    /** No secret value in here: records get printed. */
    @Override
    public String toString() {
      return "Target[" + url + " from " + origin + ", secret " + secretSetting + "]";
    }
  }

  /** The deployment settings' callback, when {@code ci.callbacks.url} is set. */
  record Deployment(URI url, String secret, Set<String> events) {
    @Override
    public String toString() {
      return "Deployment[" + url + " " + events + "]";
    }
  }

  private Targets() {}

  /**
   * @param job the run's job; null for a gate event
   */
  static List<Target> of(
      ConfigSnapshot snapshot,
      Optional<Deployment> deployment,
      Map<String, String> secrets,
      Callback.Event event,
      String repo,
      String job) {
    Map<String, Target> byUrlAndSecret = new LinkedHashMap<>();
    deployment
        .filter(d -> d.events().contains(event.wire()))
        .ifPresent(
            d ->
                byUrlAndSecret.put(
                    d.url() + " ci.callbacks.secret",
                    new Target(
                        d.url(),
                        Optional.of(d.secret()),
                        "deployment settings",
                        "ci.callbacks.secret")));
    List<Callback> written = new ArrayList<>();
    snapshot.repository(repo).map(Repository::callbacks).ifPresent(written::addAll);
    if (job != null) {
      snapshot.job(job).map(Job::callbacks).ifPresent(written::addAll);
    }
    for (Callback c : written) {
      if (c.events().contains(event)) {
        String setting = "ci.callbacks.secrets." + c.secret();
        Optional<String> value = Optional.ofNullable(secrets.get(c.secret()));
        Target t = new Target(URI.create(c.url()), value, c.source().toString(), setting);
        byUrlAndSecret.putIfAbsent(c.url() + " " + setting, t);
      }
    }
    return List.copyOf(byUrlAndSecret.values());
  }
}
