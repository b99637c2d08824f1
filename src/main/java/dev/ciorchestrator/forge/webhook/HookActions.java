package dev.ciorchestrator.forge.webhook;

import dev.ciorchestrator.forge.command.CommandParser;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * What a genuine, parsed delivery of any forge does: a comment that cannot change a plan (not on a
 * change, by the orchestrator itself, holding no command) is answered and ignored; anything else
 * about a repository is routed to its reconcile, and a push to the config repository asks for a
 * config sync.
 */
public final class HookActions {
  private final HookRouter router;
  private final BiPredicate<Set<String>, String> isBot;

  /**
   * @param isBot whether a login is the orchestrator's own on one of the signing connections
   */
  public HookActions(HookRouter router, BiPredicate<Set<String>, String> isBot) {
    this.router = router;
    this.isBot = isBot;
  }

  public Outcome act(HookEvent event, Set<String> signers, Reply reply) {
    reply.about(event.action(), event.repository());
    Optional<String> inert = inert(event, signers);
    if (inert.isPresent()) {
      return reply.done(202, Outcome.IGNORED, inert.get());
    }
    boolean configPush =
        event.kind() == HookEvent.Kind.PUSH && router.isConfigRepository(event.urls());
    return router.route(event.repository(), signers, configPush, reply);
  }

  private Optional<String> inert(HookEvent event, Set<String> signers) {
    if (event.kind() != HookEvent.Kind.COMMENT) {
      return Optional.empty();
    }
    if (event.change() <= 0) {
      return Optional.of("comment on something other than a change");
    }
    if (isBot.test(signers, event.author())) {
      return Optional.of("comment by the orchestrator itself");
    }
    if (CommandParser.parse(event.text()).isEmpty()) {
      return Optional.of("comment holds no command");
    }
    return Optional.empty();
  }
}
