package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.Values.IndexedScalar;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.Pipeline.Artifacts;
import dev.ciorchestrator.config.model.Pipeline.Publish;
import dev.ciorchestrator.config.validation.Globs;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job's {@code artifacts:} block. Paths are globs relative to the workspace: an absolute glob or
 * one with a {@code ..} segment could only ever name files outside it, so it is a load error (the
 * collection checks every file again, symlinks included).
 */
final class ArtifactsBinder {
  static final List<String> FIELDS = List.of("paths", "sbom", "provenance", "publish");
  static final List<String> PUBLISH_FIELDS = List.of("registry", "repository", "on");
  private static final List<String> ON =
      Arrays.stream(Publish.On.values()).map(Publish.On::wire).toList();
  private static final Pattern REGISTRY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  // the OCI distribution spec's repository name grammar
  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");

  private ArtifactsBinder() {}

  static Artifacts bind(Fields job) {
    if (job.value("artifacts").isEmpty()) {
      return Artifacts.NONE;
    }
    Fields f = job.nested("artifacts", FIELDS);
    List<IndexedScalar> paths = f.strings("paths");
    if (f.value("paths").isEmpty()) {
      f.required("paths");
    } else if (paths.isEmpty()) {
      f.problems()
          .add(f.value("paths").get().position(), f.path("paths"), "must list at least one glob");
    }
    paths.forEach(p -> checkPath(p, f));
    boolean sbom = f.bool("sbom").orElse(false);
    boolean provenance = f.bool("provenance").orElse(false);
    Publish publish =
        f.value("publish").isPresent() ? publish(f.nested("publish", PUBLISH_FIELDS)) : null;
    return new Artifacts(
        paths.stream().map(IndexedScalar::value).toList(), sbom, provenance, publish);
  }

  private static void checkPath(IndexedScalar p, Fields f) {
    String glob = p.value();
    Optional<String> problem = Globs.problem(glob);
    if (problem.isEmpty() && (glob.startsWith("/") || glob.startsWith("~"))) {
      problem = Optional.of("must be relative to the workspace, got '" + glob + "'");
    }
    if (problem.isEmpty() && Arrays.asList(glob.split("/")).contains("..")) {
      problem = Optional.of("must stay inside the workspace: no '..' segment, got '" + glob + "'");
    }
    problem.ifPresent(msg -> f.problems().add(p.scalar().position(), p.field(), msg));
  }

  private static Publish publish(Fields f) {
    String registry =
        f.requiredString("registry")
            .map(
                s ->
                    checked(
                        s,
                        f,
                        "registry",
                        REGISTRY,
                        "must name a registry of the deployment settings (ci.registries.<id>; lowercase letters, digits and '-')"))
            .orElse("");
    String repository =
        f.requiredString("repository")
            .map(
                s ->
                    checked(
                        s,
                        f,
                        "repository",
                        REPOSITORY,
                        "must be an OCI repository name like demo/hello-c (lowercase letters, digits, '.', '_', '-', '/')"))
            .orElse("");
    Set<Publish.On> on = EnumSet.noneOf(Publish.On.class);
    if (f.value("on").isEmpty()) {
      on.addAll(Publish.DEFAULT_ON);
    } else if (f.value("on").get() instanceof YamlNode.Sequence s && s.items().isEmpty()) {
      f.problems().add(s.position(), f.path("on"), "must list at least one of " + ON);
    }
    for (IndexedScalar e : f.strings("on")) {
      Values.choice(e.scalar(), e.field(), ON, f.problems())
          .ifPresent(w -> on.add(Publish.On.values()[ON.indexOf(w)]));
    }
    return new Publish(registry, repository, on);
  }

  private static String checked(Scalar s, Fields f, String key, Pattern shape, String message) {
    if (!shape.matcher(s.value()).matches()) {
      f.problems()
          .add(s.position(), f.path(key), "invalid " + key + " '" + s.value() + "': " + message);
    }
    return s.value();
  }
}
