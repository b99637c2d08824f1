package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.run.RunLogs;
import dev.ciorchestrator.run.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.regex.Pattern;

/** Reads a run for its page: the record, one window of its log, and what may be done with it. */
@ApplicationScoped
public class RunQuery {
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final RunStore store;
  private final ConfigSyncService config;
  private final LocalForgeStore forge;
  private final Clock clock;

  @Inject
  public RunQuery(RunStore store, ConfigSyncService config, LocalForgeStore forge, Clock clock) {
    this.store = store;
    this.config = config;
    this.forge = forge;
    this.clock = clock;
  }

  RunRecord run(String id) {
    if (!RUN_ID.matcher(id).matches()) {
      throw UiError.notFound("Not a run id: " + id);
    }
    try {
      return store.get(id).orElseThrow(() -> UiError.notFound("No run " + id + "."));
    } catch (IOException e) {
      throw Stores.unreadable(e);
    }
  }

  /**
   * @param before show the window ending there (a line start); -1 for the log's end
   */
  RunView view(RunRecord run, RunLogs logs, long before, int window) {
    LogWindow w;
    try {
      w =
          before < 0
              ? LogWindow.tail(logs, run.id(), window, !run.state().terminal())
              : LogWindow.before(logs, run.id(), before, window);
    } catch (IOException e) {
      throw Stores.unreadable(e);
    }
    RunKey key = run.key();
    String earlier = w.hasEarlier() ? "/runs/" + run.id() + "?before=" + w.start() : "";
    var logView =
        new RunView.LogView(
            LogLines.view(w, new Ansi()),
            w.start() == 0,
            w.start(),
            w.end(),
            earlier,
            LogLines.bytes(w.size()),
            LogLines.bytes(w.end() - w.start()));
    return new RunView(
        run.id(),
        key.job(),
        key.repo(),
        key.change() > 0 ? "#" + key.change() : key.ref(),
        key.change() > 0 ? HomeQuery.changeHref(key.repo(), key.change()) : "",
        key.sha(),
        run.baseSha(),
        key.attempt(),
        Format.sha(run.configRevision()),
        run.configRevision(),
        run.trigger().wire(),
        run.causedBy(),
        run.requestId(),
        Badge.of(run.state()),
        !run.state().terminal() && before < 0,
        Format.time(run.queuedAt()),
        Format.time(run.startedAt()),
        Format.time(run.finishedAt()),
        Format.took(run.startedAt(), run.finishedAt(), clock.instant()),
        run.executor(),
        run.message(),
        logView);
  }

  /**
   * Where a logged-in user asks to run this run's job again: the change's rerun, for a change of
   * the embedded forge that is still open; empty otherwise.
   */
  String rerunAction(RunRecord run) {
    RunKey key = run.key();
    boolean open =
        key.change() > 0
            && HomeQuery.embedded(config.current(), key.repo())
            && forge
                .get(key.repo(), key.change())
                .map(c -> c.state() == LocalChange.State.OPEN)
                .orElse(false);
    return open ? HomeQuery.changeHref(key.repo(), key.change()) + "/rerun" : "";
  }
}
