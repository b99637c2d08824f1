package dev.ciorchestrator.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.exceptions.CelInvalidArgumentException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelListsExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeLibrary;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Builds the one CEL environment every expression is compiled in: our variables, the standard
 * library and macros, and the extensions Kubernetes users expect (strings, lists, sets, math,
 * optional, regex).
 */
final class CelEnvironment {
  private static final String RANGE_OVERLOAD = "ciorchestrator_lists_range_int";

  private CelEnvironment() {}

  static Cel build(CelLimits limits, RegexPatterns patterns) {
    CelOptions options =
        CelOptions.current()
            // The planner runtime refuses options that disable these.
            .enableHeterogeneousNumericComparisons(true)
            .enableOptionalSyntax(true)
            .comprehensionMaxIterations(limits.maxIterations())
            .maxExpressionCodePointSize(limits.maxExpressionLength())
            .build();
    // One instance of each library for both the checker and the runtime, so they never disagree.
    var libraries =
        List.of(
            CelExtensions.strings(),
            CelExtensions.lists(listsWithoutRange()),
            CelExtensions.sets(options),
            CelExtensions.math(),
            CelExtensions.optional(),
            CelExtensions.regex());
    return CelFactory.plannerCelBuilder()
        .setOptions(options)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .setStandardFunctions(StandardFunctionsWithout.replacedOverloads())
        .setTypeProvider(CelVariables.typeProvider())
        .addVarDeclarations(CelVariables.declarations())
        .addCompilerLibraries(libraries.toArray(CelCompilerLibrary[]::new))
        .addRuntimeLibraries(libraries.toArray(CelRuntimeLibrary[]::new))
        .addFunctionDeclarations(boundedRangeDeclaration())
        .addFunctionBindings(boundedRange(limits.maxIterations()))
        // These take the overload ids of stock functions, whose declarations stay as they are.
        // The runtime keeps the first binding of an id, and applies the libraries above only in
        // build(), after these: BuiltInBoundsTest fails if a cel-java upgrade changes that.
        .addFunctionBindings(BoundedConcat.bindings(limits.maxResultSize()))
        .addFunctionBindings(BoundedSearch.bindings(limits.maxResultSize()))
        .addFunctionBindings(RegexFunctions.bindings(patterns, limits.maxResultSize()))
        .addFunctionBindings(BoundedCollections.bindings(limits, options))
        .build();
  }

  /**
   * The stock {@code lists.range(n)} allocates n elements in one call, so {@code
   * lists.range(2000000000)} exhausts the heap before any iteration or time check can run. Ours is
   * the same function, refused beyond the iteration budget (a longer list could never be iterated
   * anyway).
   */
  private static EnumSet<CelListsExtensions.Function> listsWithoutRange() {
    EnumSet<CelListsExtensions.Function> functions =
        EnumSet.allOf(CelListsExtensions.Function.class);
    functions.remove(CelListsExtensions.Function.RANGE);
    return functions;
  }

  private static CelFunctionDecl boundedRangeDeclaration() {
    return CelFunctionDecl.newFunctionDeclaration(
        "lists.range",
        CelOverloadDecl.newGlobalOverload(
            RANGE_OVERLOAD, ListType.create(SimpleType.INT), SimpleType.INT));
  }

  private static CelFunctionBinding boundedRange(int maxLength) {
    return CelFunctionBinding.from(
        RANGE_OVERLOAD,
        Long.class,
        n -> {
          if (n > maxLength) {
            throw new CelInvalidArgumentException(
                "lists.range(" + n + ") exceeds the " + maxLength + "-element limit");
          }
          EvaluationBudget.current()
              .allocate(
                  ValueSizes.HEADER + (ValueSizes.REFERENCE + ValueSizes.HEADER) * Math.max(n, 0));
          return LongStream.range(0, n).boxed().toList();
        });
  }
}
