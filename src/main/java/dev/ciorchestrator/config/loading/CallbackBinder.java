package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.Values.IndexedScalar;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.Callback;
import dev.ciorchestrator.config.validation.Names;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code callbacks:} list of a Repository or a Job. Only the secret's name is read here: the
 * loader runs without the service (the CLI's {@code validate}), so whether the deployment has that
 * secret is checked when a report is delivered, which logs the entry's position.
 */
final class CallbackBinder {
  static final List<String> FIELDS = List.of("url", "events", "secret");
  private static final List<String> EVENTS =
      Arrays.stream(Callback.Event.values()).map(Callback.Event::wire).toList();

  private CallbackBinder() {}

  /**
   * @param jobLevel a job's callbacks report its runs only: a gate belongs to a change, not a job
   */
  static List<Callback> bind(Fields f, boolean jobLevel) {
    Optional<YamlNode> value = f.value("callbacks");
    if (value.isEmpty()) {
      return List.of();
    }
    String field = f.path("callbacks");
    if (!(value.get() instanceof YamlNode.Sequence seq)) {
      f.problems()
          .add(value.get().position(), field, "expected a list, got " + value.get().describe());
      return List.of();
    }
    List<Callback> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      YamlNode item = seq.items().get(i);
      Fields entry = Fields.of(item, Problems.index(field, i), f.problems(), FIELDS);
      int before = f.problems().count();
      String url = entry.requiredString("url").map(s -> url(s, entry)).orElse("");
      Set<Callback.Event> events = events(entry, jobLevel);
      String secret =
          entry
              .requiredString("secret")
              .map(
                  s -> {
                    Names.secretProblem(s.value())
                        .ifPresent(
                            msg -> f.problems().add(s.position(), entry.path("secret"), msg));
                    return s.value();
                  })
              .orElse("");
      if (f.problems().count() == before) {
        out.add(new Callback(url, events, secret, item.position()));
      }
    }
    return out;
  }

  private static String url(Scalar s, Fields entry) {
    String field = entry.path("url");
    try {
      URI uri = new URI(s.value());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        entry.problems().add(s.position(), field, "must be an absolute http or https URL");
      } else if (uri.getHost() == null) {
        entry.problems().add(s.position(), field, "has no host name");
      } else if (uri.getRawUserInfo() != null) {
        // a password in Git is a leaked password; the signature authenticates the sender instead
        entry
            .problems()
            .add(s.position(), field, "must not carry credentials (user:password@); use secret");
      }
    } catch (URISyntaxException e) {
      entry.problems().add(s.position(), field, "invalid URL: " + e.getReason());
    }
    return s.value();
  }

  private static Set<Callback.Event> events(Fields entry, boolean jobLevel) {
    if (entry.value("events").isEmpty()) {
      return jobLevel ? EnumSet.of(Callback.Event.RUN) : EnumSet.allOf(Callback.Event.class);
    }
    String field = entry.path("events");
    if (entry.value("events").get() instanceof YamlNode.Sequence s && s.items().isEmpty()) {
      entry.problems().add(s.position(), field, "must list at least one of " + EVENTS);
    }
    Set<Callback.Event> events = EnumSet.noneOf(Callback.Event.class);
    for (IndexedScalar e : entry.strings("events")) {
      Optional<String> wire = Values.choice(e.scalar(), e.field(), EVENTS, entry.problems());
      if (wire.isEmpty()) {
        continue;
      }
      Callback.Event event = Callback.Event.valueOf(wire.get().toUpperCase(Locale.ROOT));
      if (jobLevel && event == Callback.Event.GATE) {
        entry
            .problems()
            .add(
                e.scalar().position(),
                e.field(),
                "a job's callbacks report its runs only; put gate callbacks on the Repository");
      }
      events.add(event);
    }
    return events;
  }
}
