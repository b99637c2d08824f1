package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.Values.IndexedScalar;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.MergeQueue;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.validation.Names;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code kind: Repository}. */
final class RepositoryBinder {
  static final List<String> FIELDS =
      List.of(
          "apiVersion",
          "kind",
          "name",
          "forge",
          "defaultBranch",
          "merge",
          "trust",
          "approvals",
          "callbacks");

  private static final List<String> METHODS =
      Arrays.stream(MergeMethod.values()).map(MergeMethod::wire).toList();

  private RepositoryBinder() {}

  static void bind(Fields f, FileContents out) {
    int before = f.problems().count();
    String name = CommonFields.name(f, "Repository", out, Names::repositoryProblem);
    Optional<Scalar> forgeId = f.requiredString("forge");
    forgeId.ifPresent(
        id ->
            Names.forgeProblem(id.value())
                .ifPresent(msg -> f.problems().add(id.position(), "forge", msg)));
    String forge = forgeId.map(Scalar::value).orElse("");
    String defaultBranch = f.string("defaultBranch").map(Scalar::value).orElse("main");
    Fields merge = f.nested("merge", List.of("auto", "method", "queue"));
    boolean autoMerge = merge.bool("auto").orElse(false);
    MergeMethod method =
        merge.choice("method", METHODS).map(RepositoryBinder::method).orElse(MergeMethod.MERGE);
    MergeQueue queue = MergeQueueBinder.bind(merge, autoMerge);
    List<String> trusted =
        f.nested("trust", List.of("users")).strings("users").stream()
            .map(IndexedScalar::value)
            .toList();
    boolean dismiss =
        f.nested("approvals", List.of("dismissOnPush")).bool("dismissOnPush").orElse(false);
    var callbacks = CallbackBinder.bind(f, false);
    if (f.problems().count() == before) {
      out.repositories.add(
          new Repository(
              name,
              forge,
              defaultBranch,
              autoMerge,
              method,
              trusted,
              dismiss,
              callbacks,
              f.position(),
              queue));
    }
  }

  private static MergeMethod method(String wire) {
    return Arrays.stream(MergeMethod.values())
        .filter(m -> m.wire().equals(wire))
        .findFirst()
        .orElseThrow();
  }
}
