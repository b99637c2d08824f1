package dev.ciorchestrator.reconcile.queue;

import dev.ciorchestrator.config.model.Job;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jobs a batch runs, as a pipeline: its changes' required jobs and every job they {@code need}
 * (a required job cannot start before its needs passed on the batch commit, so they are part of the
 * batch's test too), each listed after the jobs it needs. The config loader refuses cycles and
 * unknown names, so the order always exists; a name the map does not know needs nothing.
 *
 * @param jobs the batch's jobs, every job after its needs, otherwise first seen first
 * @param needs each job's needed jobs, as the config's {@code needs} lists them
 */
record BatchPipeline(List<String> jobs, Map<String, List<String>> needs) {
  BatchPipeline {
    jobs = List.copyOf(jobs);
    needs = Map.copyOf(needs);
  }

  /** Each job of a repository with the jobs it needs, from its config. */
  static Map<String, List<String>> configNeeds(List<Job> jobs) {
    Map<String, List<String>> needs = new HashMap<>();
    jobs.forEach(j -> needs.put(j.name(), List.copyOf(j.needs())));
    return needs;
  }

  /**
   * @param required the batch's required jobs, in the order its changes list them
   * @param config every job of the repository with its needs ({@link #configNeeds})
   */
  static BatchPipeline of(List<String> required, Map<String, List<String>> config) {
    Map<String, List<String>> needs = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    Set<String> visiting = new LinkedHashSet<>();
    for (String job : required) {
      visit(job, config, needs, order, visiting);
    }
    return new BatchPipeline(order, needs);
  }

  /** Depth first, needs before the job: a topological order that keeps the written order. */
  private static void visit(
      String job,
      Map<String, List<String>> config,
      Map<String, List<String>> needs,
      List<String> order,
      Set<String> visiting) {
    if (needs.containsKey(job) || !visiting.add(job)) {
      return; // placed already, or a cycle the loader would have refused: do not loop
    }
    List<String> own = config.getOrDefault(job, List.of());
    own.forEach(n -> visit(n, config, needs, order, visiting));
    visiting.remove(job);
    needs.put(job, own);
    order.add(job);
  }

  /** The jobs {@code job} needs; none for a job outside the pipeline. */
  List<String> needsOf(String job) {
    return needs.getOrDefault(job, List.of());
  }
}
