package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.LoadResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A CEL problem is reported where it is in the file: {@link FakePolicyEngine} reports each
 * {@code @} at its own line and column inside the expression.
 */
class ExpressionPositionTest {
  private static final String POLICY =
      "apiVersion: ci-orchestrator/v1\nkind: Policy\nname: p\ntype: gate\n";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '"',
      textBlock =
          """
          plain                  ; rule: a && @b                              ; 5:12
          plain, two problems    ; rule: a@ || @                              ; 5:8, 5:13
          double quoted          ; rule: "a && @b"                            ; 5:13
          double quoted, escapes ; rule: "x == \\"q\\" && \\u0041 == @"       ; 5:32
          single quoted, escapes ; rule: 'x == ''q'' && @'                    ; 5:22
          not a string           ; rule: {a: 1}                               ; 5:7
          literal block          ; rule: |\\n  a &&\\n    @b\\n              ; 7:5
          literal, keep chomping ; rule: |+\\n  a\\n  && @\\n                 ; 7:6
          literal, indicator     ; rule: |2\\n    @\\n                        ; 5:7
          folded block           ; rule: >\\n  a &&\\n  @b\\n                ; 5:7
          multi-line plain       ; rule: a &&\\n  @b\\n                       ; 5:7
          multi-line quoted      ; rule: "a &&\\n  @b"\\n                     ; 5:7
          """)
  void mapsProblemPositionsIntoTheFile(String style, String yaml, String expected) {
    String text = POLICY + yaml.replace("\\n", "\n") + "\n";
    LoadResult result =
        new ConfigLoader(new FakePolicyEngine())
            .load(
                "r", List.of(new ConfigFile("p.yaml", "b", text.getBytes(StandardCharsets.UTF_8))));

    List<String> positions =
        ((LoadResult.Failed) result)
            .errors().stream()
                .map(ConfigError::position)
                .map(p -> p.line() + ":" + p.column())
                .toList();
    assertThat(String.join(", ", positions)).isEqualTo(expected);
  }
}
