package dev.ciorchestrator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "*.go, main.go, true",
    "*.go, cmd/main.go, false",
    "**/*.go, main.go, true",
    "**/*.go, cmd/app/main.go, true",
    "docs/**, docs/a/b.md, true",
    "docs/**, docsx/a.md, false",
    "src/**/test_*.c, src/test_a.c, true",
    "src/**/test_*.c, src/x/y/test_a.c, true",
    "?.c, a.c, true",
    "?.c, ab.c, false",
    "[abc].txt, b.txt, true",
    "[!abc].txt, b.txt, false",
    "[!abc].txt, d.txt, true",
    "'{main,release/*}', main, true",
    "'{main,release/*}', release/1.0, true",
    "'{main,release/*}', dev, false",
    "demo/*, demo/hello-go, true",
    "demo/*, other/hello-go, false",
    "a.b, axb, false",
    "'*', anything, true",
  })
  void matches(String glob, String value, boolean expected) {
    assertThat(Glob.compile(glob).matches(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "'*', demo/hello-go, true",
    "'*', group/sub/project, true",
    "demo/*, demo/hello-go, true",
    "demo/*, demo/sub/project, true",
    "demo/*, other/hello-go, false",
    "demo/hello-?o, demo/hello-go, true",
    "'{demo,tools}/*', tools/lint, true",
    "demo/hello-go, demo/hello-go, true",
    "demo/hello-go, demo/hello-goo, false",
  })
  void repositoryGlobsTreatSlashAsAnOrdinaryCharacter(String glob, String repo, boolean expected) {
    assertThat(Glob.repositories(glob).matches(repo)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "docs]/* | unmatched ']' at offset 4",
        "[abc | unclosed '[' at offset 0",
        "{a,b | unclosed '{'",
        "a} | unmatched '}' at offset 1",
      })
  void malformedGlobsSayWhy(String glob, String reason) {
    assertThatThrownBy(() -> Glob.compile(glob))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(reason);
  }

  @ParameterizedTest
  @CsvSource({"main, true", "release/*, false", "'{a,b}', false", "v[12], false"})
  void literalGlobs(String glob, boolean literal) {
    assertThat(Glob.isLiteral(glob)).isEqualTo(literal);
  }
}
