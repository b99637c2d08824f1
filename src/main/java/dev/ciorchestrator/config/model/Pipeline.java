package dev.ciorchestrator.config.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a job sits in a pipeline and what it leaves behind: the jobs it {@code needs}, and its
 * {@code artifacts:} block. Grouped apart from the rest of {@link Job} so that the fields one
 * feature adds stay together.
 *
 * @param needs the jobs that must succeed on the same head (change) or commit (push, schedule slot)
 *     before this one starts, each with where it is written
 * @param artifacts what a successful run collects; {@link Artifacts#NONE} when absent
 */
public record Pipeline(List<Need> needs, Artifacts artifacts) {
  public static final Pipeline NONE = new Pipeline(List.of(), Artifacts.NONE);

  public Pipeline {
    needs = List.copyOf(needs);
  }

  /** The needed jobs' names, in the order written. */
  public List<String> needNames() {
    return needs.stream().map(Need::job).toList();
  }

  /** One entry of {@code needs}: a job name and where it is written, for load errors. */
  public record Need(String job, SourcePosition source) {}

  /**
   * {@code artifacts:}: what a successful run collects, and what the controller makes of it after
   * (SBOM, signed provenance, a registry push).
   *
   * @param paths globs relative to the workspace; empty collects nothing
   * @param publish where the collected set is pushed, or null
   */
  public record Artifacts(List<String> paths, boolean sbom, boolean provenance, Publish publish) {
    public static final Artifacts NONE = new Artifacts(List.of(), false, false, null);

    public Artifacts {
      paths = List.copyOf(paths);
    }

    public boolean any() {
      return !paths.isEmpty();
    }
  }

  /**
   * {@code publish: {registry, repository, on}}.
   *
   * @param registry the id of a deployment registry setting ({@code ci.registries.<id>})
   * @param repository the repository inside that registry ({@code demo/hello-c})
   * @param on the triggers whose runs publish; {@code [push]} unless written
   */
  public record Publish(String registry, String repository, Set<On> on) {
    public static final Set<On> DEFAULT_ON = Set.of(On.PUSH);

    public Publish {
      on = Set.copyOf(on);
    }

    /** The kinds of run that may publish. */
    public enum On {
      PUSH,
      PULL_REQUEST,
      SCHEDULE;

      public String wire() {
        return name().equals("PULL_REQUEST") ? "pullRequest" : name().toLowerCase(Locale.ROOT);
      }
    }
  }
}
