package dev.ciorchestrator.config.model;

import java.util.Locale;
import java.util.Set;

/**
 * One {@code callbacks:} entry of a Repository or a Job: where to POST a signed report, on which
 * events. The secret is only named here; its value lives in the deployment settings ({@code
 * ci.callbacks.secrets.<name>}), never in Git.
 *
 * @param url an absolute {@code http} or {@code https} URL without credentials
 * @param secret the name of a deployment secret that signs the body
 * @param source where the entry is written, so a missing secret can be reported there
 */
public record Callback(String url, Set<Event> events, String secret, SourcePosition source) {
  public Callback {
    events = Set.copyOf(events);
  }

  /** What a callback reports: a finished run, or a change's published gate decision. */
  public enum Event {
    RUN,
    GATE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
