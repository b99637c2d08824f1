package dev.ciorchestrator.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.RunResults.Finding;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SarifParserTest {
  /** Shaped like staticcheck's and cppcheck's output: rule defaults, explicit levels, no place. */
  static final String SARIF =
      """
      {"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[
        {"tool":{"driver":{"name":"staticcheck","rules":[
           {"id":"SA4006","defaultConfiguration":{"level":"error"}},{"id":"ST1000"}]}},
         "results":[
          {"ruleId":"SA4006","message":{"text":"value of x is never used"},
           "locations":[{"physicalLocation":{"artifactLocation":{"uri":"main.go"},
                         "region":{"startLine":12,"startColumn":2}}}]},
          {"ruleId":"ST1000","level":"note","message":{"text":"at least one file needs a package comment"}},
          {"ruleId":"X1","message":{"text":"no level, no rule default"},
           "locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///src/a.c"}}}]},
          {"ruleId":"X2","level":"none","message":{"text":"informational"}}]}]}
      """;

  @Test
  void readsLevelsRulesMessagesAndPlaces() throws Exception {
    assertThat(SarifParser.parse(SARIF.getBytes(StandardCharsets.UTF_8)))
        .containsExactly(
            new Finding("error", "SA4006", "value of x is never used", "main.go", 12),
            new Finding("note", "ST1000", "at least one file needs a package comment", "", 0),
            new Finding("warning", "X1", "no level, no rule default", "/src/a.c", 0),
            new Finding("note", "X2", "informational", "", 0));
  }

  @Test
  void refusesWhatIsNotSarif() {
    assertThatThrownBy(() -> SarifParser.parse("{\"version\":\"2.1.0\"}".getBytes()))
        .isInstanceOf(ReportException.class)
        .hasMessage("not SARIF: no runs array");
    assertThatThrownBy(() -> SarifParser.parse("{\"runs\":[],\"runs\":[]}".getBytes()))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("duplicate key 'runs'");
    assertThatThrownBy(() -> SarifParser.parse("[1]".getBytes()))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("must be a JSON object");
  }
}
