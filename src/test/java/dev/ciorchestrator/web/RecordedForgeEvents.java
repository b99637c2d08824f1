package dev.ciorchestrator.web;

import dev.ciorchestrator.forge.ForgeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every {@link ForgeEvent} the service fires, for tests that check who fired what. */
@ApplicationScoped
public class RecordedForgeEvents {
  private final List<ForgeEvent> seen = new CopyOnWriteArrayList<>();

  void on(@Observes ForgeEvent event) {
    seen.add(event);
  }

  public List<ForgeEvent> seen() {
    return List.copyOf(seen);
  }

  public void clear() {
    seen.clear();
  }
}
