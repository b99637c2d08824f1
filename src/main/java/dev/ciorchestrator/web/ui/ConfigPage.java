package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.sync.ConfigSyncService;
import dev.ciorchestrator.config.sync.SyncState;
import dev.ciorchestrator.config.sync.SyncStatus;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /config}: where the running config stands against its source, and what it holds; a
 * logged-in user may sync it now (what {@code POST /api/v1/config/sync} does).
 */
@Path("/config")
@Produces(MediaType.TEXT_HTML)
public class ConfigPage {
  /** The page. */
  record Config(Chrome chrome, ConfigView view) implements TemplateInstance {}

  private final ConfigSyncService service;
  private final Pages pages;
  private final UiAuth auth;

  @Inject
  public ConfigPage(ConfigSyncService service, Pages pages, UiAuth auth) {
    this.service = service;
    this.pages = pages;
    this.auth = auth;
  }

  @GET
  public Response page() {
    ConfigView view = view(service.status(), service.current());
    return UiResponses.page(new Config(pages.chrome("Config", "config", "/config"), view));
  }

  @POST
  @Path("sync")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response sync(@FormParam("csrf") String csrf) {
    UiSession session = pages.session();
    auth.checkForm(session, csrf);
    auth.requireLogin(session, "Syncing the config");
    boolean failed = service.syncNow().state() == SyncState.ERROR;
    return UiResponses.seeOther("/config?notice=" + (failed ? "sync-failed" : "synced")).build();
  }

  static ConfigView view(SyncStatus s, ConfigSnapshot snapshot) {
    String state = s.state().wire();
    return new ConfigView(
        Badge.sync(state),
        meaning(state),
        s.source(),
        s.runningRevision(),
        s.resolvedRevision(),
        Format.time(s.lastSyncedAt()),
        Format.time(s.checkedAt()),
        s.summary(),
        s.errors().stream()
            .map(e -> new ConfigView.ErrorLine(e.position().toString(), e.field(), e.message()))
            .toList(),
        snapshot.repositories().stream()
            .map(
                r ->
                    new ConfigView.RepoLine(
                        r.name(),
                        r.forge(),
                        r.defaultBranch(),
                        r.autoMerge() ? "auto, " + r.mergeMethod().wire() : "manual",
                        String.join(", ", r.trustedUsers()),
                        String.valueOf(r.source())))
            .toList(),
        snapshot.jobs().stream().map(ConfigPage::job).toList(),
        snapshot.policies().stream()
            .map(
                p ->
                    new ConfigView.PolicyLine(
                        p.name(),
                        p.type().name().toLowerCase(Locale.ROOT),
                        String.join(", ", p.repos()),
                        p.match() == null ? "" : p.match(),
                        p.rule(),
                        String.valueOf(p.source())))
            .toList());
  }

  private static String meaning(String state) {
    return switch (state) {
      case "Synced" -> "The running config is the revision the source points at.";
      case "Error" ->
          "The revision the source points at cannot be loaded; the last good config keeps"
              + " running. Every problem is listed below.";
      default -> "A newer revision was seen and is not loaded yet.";
    };
  }

  private static ConfigView.JobLine job(Job j) {
    List<String> triggers = new ArrayList<>();
    if (j.triggers().pullRequest() != null) {
      triggers.add("pullRequest");
    }
    if (j.triggers().push() != null) {
      triggers.add("push");
    }
    if (j.triggers().schedule() != null) {
      triggers.add("schedule " + j.triggers().schedule().cron());
    }
    if (j.triggers().command() != null) {
      triggers.add(j.triggers().command());
    }
    return new ConfigView.JobLine(
        j.name(),
        String.join(", ", j.repos()),
        String.join(", ", triggers),
        j.required(),
        j.executor() == null ? "default" : j.executor().wire(),
        String.valueOf(j.source()));
  }
}
