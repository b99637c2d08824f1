package dev.ciorchestrator.policy.cel;

import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.standard.AddOperator.AddOverload;
import dev.cel.runtime.standard.CelStandardOverload;
import dev.cel.runtime.standard.ContainsFunction.ContainsOverload;
import dev.cel.runtime.standard.MatchesFunction.MatchesOverload;
import java.util.Set;

/**
 * The standard library minus the overloads we bind ourselves with bounds ({@link RegexFunctions},
 * {@link BoundedSearch}, {@link BoundedConcat}). The runtime refuses two bindings of one standard
 * overload id, so ours can only take the place of one that is left out here; their declarations,
 * and so what type-checks, stay as they are.
 */
final class StandardFunctionsWithout {
  private static final Set<CelStandardOverload> REPLACED =
      Set.of(
          MatchesOverload.MATCHES,
          MatchesOverload.MATCHES_STRING,
          ContainsOverload.CONTAINS_STRING,
          AddOverload.ADD_STRING,
          AddOverload.ADD_BYTES,
          AddOverload.ADD_LIST);

  private StandardFunctionsWithout() {}

  static CelStandardFunctions replacedOverloads() {
    return CelStandardFunctions.newBuilder()
        .filterFunctions((function, overload) -> !REPLACED.contains(overload))
        .build();
  }
}
