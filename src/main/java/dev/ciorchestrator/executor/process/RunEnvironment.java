package dev.ciorchestrator.executor.process;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables every job sees about its run, the same names on every executor, so a script can
 * tell where and what it is testing without asking git.
 */
public final class RunEnvironment {
  private RunEnvironment() {}

  /**
   * @param baseRef the branch the head was merged onto; not part of the run record because it is
   *     the job's config, not the run's identity
   */
  public static Map<String, String> of(RunRecord run, String baseRef) {
    RunKey key = run.key();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CI", "true");
    env.put("JOB_NAME", key.job());
    env.put("RUN_ID", run.id());
    env.put("REPO", key.repo());
    // empty, not "0", for push and scheduled runs, so `[ -n "$CHANGE" ]` tells them apart
    env.put("CHANGE", key.change() == 0 ? "" : Long.toString(key.change()));
    env.put("BASE_REF", baseRef == null ? "" : baseRef);
    env.put("BASE_SHA", run.baseSha());
    env.put("HEAD_SHA", key.sha());
    env.put("CONFIG_REVISION", run.configRevision());
    return Collections.unmodifiableMap(env);
  }
}
