package dev.ciorchestrator.policy.cel;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.cel.common.CelVarDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.List;
import java.util.Optional;

/**
 * The CEL variables of DESIGN.md. {@code change}, {@code repo} and each {@code jobs} entry are
 * struct types rather than {@code map(string, dyn)}, so that a typo such as {@code change.titel}
 * fails when the config is loaded instead of when a change is gated. At run time the planner reads
 * their fields from plain Java maps.
 */
final class CelVariables {
  static final StructType CHANGE =
      struct(
          "ciorchestrator.Change",
          ImmutableMap.<String, CelType>builder()
              .put("number", SimpleType.INT)
              .put("title", SimpleType.STRING)
              .put("author", SimpleType.STRING)
              .put("draft", SimpleType.BOOL)
              .put("labels", ListType.create(SimpleType.STRING))
              .put("approvals", ListType.create(SimpleType.STRING))
              .put("baseRef", SimpleType.STRING)
              .put("baseSha", SimpleType.STRING)
              .put("headRef", SimpleType.STRING)
              .put("headSha", SimpleType.STRING)
              .put("files", ListType.create(SimpleType.STRING))
              .put("mergeable", SimpleType.BOOL)
              .put("createdAt", SimpleType.TIMESTAMP)
              .put("updatedAt", SimpleType.TIMESTAMP)
              .buildOrThrow());

  /** {@code jobs[j].tests}: present only where a JUnit report was read. */
  static final StructType TESTS =
      struct(
          "ciorchestrator.Tests",
          ImmutableMap.of(
              "passed", SimpleType.INT, "failed", SimpleType.INT, "skipped", SimpleType.INT));

  /** {@code jobs[j].findings}: present only where a SARIF report was read. */
  static final StructType FINDINGS =
      struct(
          "ciorchestrator.Findings",
          ImmutableMap.of(
              "error", SimpleType.INT, "warning", SimpleType.INT, "note", SimpleType.INT));

  static final StructType JOB =
      struct(
          "ciorchestrator.Job",
          ImmutableMap.of(
              "status",
              SimpleType.STRING,
              "required",
              SimpleType.BOOL,
              "tier",
              SimpleType.STRING,
              "tests",
              TESTS,
              "findings",
              FINDINGS));

  static final StructType REPO =
      struct(
          "ciorchestrator.Repo",
          ImmutableMap.of("name", SimpleType.STRING, "defaultBranch", SimpleType.STRING));

  static final MapType JOBS = MapType.create(SimpleType.STRING, JOB);

  private static final List<StructType> TYPES = List.of(CHANGE, JOB, TESTS, FINDINGS, REPO);

  private CelVariables() {}

  static List<CelVarDecl> declarations() {
    return List.of(
        CelVarDecl.newVarDeclaration("change", CHANGE),
        CelVarDecl.newVarDeclaration("jobs", JOBS),
        CelVarDecl.newVarDeclaration("repo", REPO),
        CelVarDecl.newVarDeclaration("now", SimpleType.TIMESTAMP));
  }

  /** Lets the checker resolve the field types of our struct types. */
  static CelTypeProvider typeProvider() {
    return new CelTypeProvider() {
      @Override
      public ImmutableCollection<CelType> types() {
        return ImmutableList.copyOf(TYPES);
      }

      @Override
      public Optional<CelType> findType(String name) {
        return TYPES.stream().filter(t -> t.name().equals(name)).<CelType>map(t -> t).findFirst();
      }
    };
  }

  private static StructType struct(String name, ImmutableMap<String, CelType> fields) {
    return StructType.create(
        name, fields.keySet(), field -> Optional.ofNullable(fields.get(field)));
  }
}
