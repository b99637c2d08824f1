package dev.ciorchestrator.web.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.run.RunLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One browser following a run: each {@link #poll} says what is new since the last, as server-sent
 * events. {@code lines} carries whole new lines (its id is the byte offset to resume from, so a
 * reconnecting browser's {@code Last-Event-ID} picks up where it was), {@code state} a change of
 * the run's state, and {@code end} that nothing more will come.
 *
 * <p>As with the API's follow, the run's state is read before the log: once the run was over before
 * a read that reached the end of the log, the log is complete. It reads through the {@link RunLogs}
 * port, so a browser follows a run that another replica executes.
 */
final class LogFollow {
  static final int CHUNK = 64 * 1024;
  static final int MAX_CHUNKS = 16; // per poll: at most 1 MiB, however fast the job writes
  static final int PING_EVERY = 30; // polls without news; a closed connection then shows

  /** One server-sent event; a null {@code name} is a comment (a keep-alive). */
  record Event(String name, String id, String data) {}

  /** What one poll found; {@code finished}: the stream is over and sends nothing more. */
  record Batch(List<Event> events, boolean finished) {}

  private final RunLogs logs;
  private final String runId;
  private final Supplier<RunRecord> run;
  private final ObjectMapper json;
  private final Clock clock;
  private final Ansi ansi = new Ansi();
  private long offset;
  private String lastState = "";
  private int quiet;
  private boolean ended;

  LogFollow(
      RunLogs logs,
      String runId,
      long offset,
      Supplier<RunRecord> run,
      ObjectMapper json,
      Clock clock) {
    this.logs = logs;
    this.runId = runId;
    this.offset = offset;
    this.run = run;
    this.json = json;
    this.clock = clock;
  }

  Batch poll() {
    if (ended) {
      return new Batch(List.of(), true);
    }
    RunRecord r = run.get();
    boolean over = r.state().terminal();
    List<Event> events = new ArrayList<>();
    boolean atEnd = readOn(over, events);
    if (!r.state().wire().equals(lastState)) {
      lastState = r.state().wire();
      events.add(new Event("state", null, write(state(r))));
    }
    if (over && atEnd) {
      ended = true;
      events.add(new Event("end", null, "{}"));
    }
    quiet = events.isEmpty() ? quiet + 1 : 0;
    if (quiet >= PING_EVERY) {
      quiet = 0;
      events.add(new Event(null, null, "ping"));
    }
    return new Batch(events, false);
  }

  /** Adds the new lines; true when everything written so far was read. */
  private boolean readOn(boolean over, List<Event> events) {
    try {
      for (int i = 0; i < MAX_CHUNKS; i++) {
        LogWindow w = LogWindow.from(logs, runId, offset, CHUNK, over);
        if (!w.lines().isEmpty()) {
          events.add(new Event("lines", String.valueOf(w.end()), write(LogLines.json(w, ansi))));
        }
        boolean moved = w.end() > offset;
        offset = w.end();
        if (!moved || offset >= w.size()) {
          return offset >= w.size();
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of " + runId, e);
    }
  }

  private record State(String state, String cls, String icon, String took, String message) {}

  private State state(RunRecord r) {
    Badge b = Badge.of(r.state());
    return new State(
        b.text(),
        b.cls(),
        b.icon(),
        Format.took(r.startedAt(), r.finishedAt(), clock.instant()),
        r.state().terminal() ? r.message() : "");
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record of strings always serializes", e);
    }
  }
}
