package dev.ciorchestrator.bench;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.ciorchestrator.policy.Bindings;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The same rule on bare cel-java, the yardstick of the benchmarks: variables as {@code map(string,
 * dyn)}, the bindings' plain maps as the activation, no bounds, no struct types, no conversion.
 */
final class BareCel {
  private final CelRuntime.Program program;
  private final Map<String, Object> activation;

  private BareCel(Supplier<CelBuilder> builder, String rule, Bindings bindings) throws Exception {
    MapType dyn = MapType.create(SimpleType.STRING, SimpleType.DYN);
    Cel cel =
        builder
            .get()
            .setOptions(
                CelOptions.current()
                    .enableHeterogeneousNumericComparisons(true)
                    .enableOptionalSyntax(true)
                    .build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("change", dyn)
            .addVar("jobs", MapType.create(SimpleType.STRING, dyn))
            .addVar("repo", dyn)
            .addVar("now", SimpleType.TIMESTAMP)
            .build();
    this.program = cel.createProgram(cel.compile(rule).getAst());
    this.activation =
        Map.of(
            "change", bindings.change(),
            "jobs", bindings.jobs(),
            "repo", bindings.repo(),
            "now", bindings.now());
  }

  /** cel-java's planner runtime, the one the engine uses. */
  static BareCel planner(String rule, Bindings bindings) throws Exception {
    return new BareCel(CelFactory::plannerCelBuilder, rule, bindings);
  }

  /** cel-java's standard (interpreting) runtime. */
  static BareCel standard(String rule, Bindings bindings) throws Exception {
    return new BareCel(CelFactory::standardCelBuilder, rule, bindings);
  }

  Object evaluate() throws Exception {
    return program.eval(activation);
  }
}
