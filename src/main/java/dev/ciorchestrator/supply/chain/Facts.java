package dev.ciorchestrator.supply.chain;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.executor.RunArtifacts;
import dev.ciorchestrator.supply.RunFacts;
import java.time.Instant;
import java.util.Optional;

/**
 * The provenance's facts of a run, from its record and the request its executor kept: nothing the
 * job wrote, so a job cannot claim another commit, trigger or author.
 */
final class Facts {
  private Facts() {}

  static RunFacts of(
      RunRecord run, RunArtifacts.Request request, Optional<String> source, Instant finished) {
    RunKey key = run.key();
    return new RunFacts(
        run.id(),
        key.repo(),
        source.orElse(""),
        key.change(),
        key.ref(),
        key.sha(),
        run.baseSha(),
        key.job(),
        run.trigger().wire(),
        run.causedBy(),
        run.configRevision(),
        run.executor(),
        request.image(),
        request.imageDigest(),
        run.startedAt(),
        finished,
        request.upstream().stream()
            .map(
                r ->
                    new RunFacts.Upstream(
                        r.job(), r.path(), r.digest().substring(r.digest().indexOf(':') + 1)))
            .toList());
  }
}
