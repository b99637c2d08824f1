package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.YamlNode.Mapping;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;
import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class YamlParserTest {
  @Test
  void readsEveryDocumentAndSkipsEmptyOnes() {
    YamlParser.Result result = parse("---\na: 1\n---\n---\n# only a comment\n---\nb: 2\n...\n");

    assertThat(result.errors()).isEmpty();
    assertThat(result.documents())
        .extracting(YamlNode::position)
        .containsExactly(at(2, 1), at(7, 1));
  }

  static Stream<Arguments> encodings() {
    return Stream.of(
        Arguments.of("byte-order mark", "\uFEFFa: 1\nb: x\n"),
        Arguments.of("CRLF line ends", "a: 1\r\nb: x\r\n"),
        Arguments.of("characters beyond the BMP", "a: \"\uD83D\uDE00\"\nb: x\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void positionsSurviveEncodingDetails(String why, String text) {
    Mapping doc = (Mapping) parse(text).documents().get(0);

    assertThat(doc.entry("b").orElseThrow().value().position()).isEqualTo(at(2, 4));
  }

  @Test
  void keepsDocumentsBeforeASyntaxError() {
    YamlParser.Result result = parse("a: 1\n---\nb: [\n");

    assertThat(result.documents()).hasSize(1);
    assertThat(result.errors()).extracting(ConfigError::position).containsExactly(at(4, 1));
  }

  @Test
  void reportsEveryDuplicateKeyAndKeepsTheFirstValue() {
    YamlParser.Result result = parse("a: 1\nb: 2\na: 3\na: 4\n");

    assertThat(result.errors())
        .extracting(ConfigError::format)
        .containsExactly(
            "f.yaml:3:1: a: duplicate key 'a' (first at line 1)",
            "f.yaml:4:1: a: duplicate key 'a' (first at line 1)");
    Mapping doc = (Mapping) result.documents().get(0);
    assertThat(((Scalar) doc.entry("a").orElseThrow().value()).value()).isEqualTo("1");
  }

  @Test
  void mergeKeysFillInWhatTheMappingDoesNotSay() {
    YamlParser.Result result = parse("base: &base {a: 1, b: 2}\nx:\n  <<: *base\n  b: 3\n  c: 4\n");

    assertThat(result.errors()).isEmpty();
    Mapping x = (Mapping) ((Mapping) result.documents().get(0)).entry("x").orElseThrow().value();
    assertThat(x.entries())
        .extracting(e -> e.key().value() + "=" + ((Scalar) e.value()).value())
        .containsExactlyInAnyOrder("a=1", "b=3", "c=4");
    assertThat(x.entry("a").orElseThrow().value().position()).isEqualTo(at(1, 17));
  }

  @Test
  void aliasesAreSharedNotCopied() {
    Mapping doc = (Mapping) parse("a: &x [1, 2]\nb: *x\n").documents().get(0);

    assertThat(doc.entry("b").orElseThrow().value()).isSameAs(doc.entry("a").orElseThrow().value());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "a: 'x'; STRING",
        "a: x; STRING",
        "a: 12; INTEGER",
        "a: 0x1F; INTEGER",
        "a: 1.5; FLOAT",
        "a: yes; BOOLEAN",
        "a: ~; NULL",
        "a:; NULL",
        "a: 2024-05-01T12:00:00Z; TIMESTAMP",
        "a: '12'; STRING",
      })
  void resolvesScalarsAsYaml11Does(String text, YamlNode.Kind kind) {
    Mapping doc = (Mapping) parse(text + "\n").documents().get(0);

    assertThat(((Scalar) doc.entry("a").orElseThrow().value()).kind()).isEqualTo(kind);
  }

  private static YamlParser.Result parse(String text) {
    return YamlParser.parse(new ConfigFile("f.yaml", "b", text.getBytes(StandardCharsets.UTF_8)));
  }

  private static SourcePosition at(int line, int column) {
    return new SourcePosition("f.yaml", line, column);
  }
}
