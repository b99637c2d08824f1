package dev.ciorchestrator.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.ResultType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A new config revision recompiles only the expressions whose text changed. */
class CompileCacheTest {
  private final CelPolicyEngine engine = new CelPolicyEngine();

  @Test
  void compilesEachDistinctTextOnce() {
    Compilation first = engine.compile("size(change.approvals) >= 2", ResultType.BOOL);
    Compilation again = engine.compile("size(change.approvals) >= 2", ResultType.BOOL);

    assertThat(again).isSameAs(first);
    assertThat(engine.compilations()).isEqualTo(1);
  }

  @Test
  void aNewRevisionRecompilesOnlyWhatChanged() {
    List<String> revision1 = List.of("!change.draft", "size(change.approvals) >= 2", "true");
    List<String> revision2 = List.of("!change.draft", "size(change.approvals) >= 1", "true");

    revision1.forEach(rule -> engine.compile(rule, ResultType.BOOL));
    long afterFirst = engine.compilations();
    revision2.forEach(rule -> engine.compile(rule, ResultType.BOOL));

    assertThat(afterFirst).isEqualTo(3);
    assertThat(engine.compilations()).isEqualTo(4);
  }

  @Test
  void cachesInvalidResultsToo() {
    Compilation first = engine.compile("change.titel == ''", ResultType.BOOL);
    Compilation again = engine.compile("change.titel == ''", ResultType.BOOL);

    assertThat(first).isInstanceOf(Compilation.Invalid.class);
    assertThat(again).isSameAs(first);
    assertThat(engine.compilations()).isEqualTo(1);
  }

  @Test
  void theSameTextIsCompiledOncePerResultType() {
    Compilation asBool = engine.compile("change.title", ResultType.BOOL);
    Compilation asString = engine.compile("change.title", ResultType.STRING);

    assertThat(asBool).isInstanceOf(Compilation.Invalid.class);
    assertThat(asString).isInstanceOf(Compilation.Compiled.class);
    assertThat(engine.compilations()).isEqualTo(2);
  }

  @Test
  void warmingUpIsNotCountedAsACompilation() {
    assertThat(new CelPolicyEngine().compilations()).isZero();
  }
}
