package dev.ciorchestrator.config.loading;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Remembers where the last event started: SnakeYAML's alias and nesting limits throw without a
 * position, and this is the event that crossed the limit.
 */
final class TrackingParser implements Parser {
  private final Parser delegate;
  private Mark lastMark;

  TrackingParser(Parser delegate) {
    this.delegate = delegate;
  }

  /** Null before the first event. */
  Mark lastMark() {
    return lastMark;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return delegate.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return delegate.peekEvent();
  }

  @Override
  public Event getEvent() {
    Event event = delegate.getEvent();
    lastMark = event.getStartMark();
    return event;
  }
}
