package dev.ciorchestrator.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.reports.TestCase.Result;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoTestJsonTest {
  private static final String EVENTS =
      """
      {"Time":"2026-12-03T12:00:00Z","Action":"start","Package":"example.com/hello"}
      {"Time":"2026-12-03T12:00:00Z","Action":"run","Package":"example.com/hello","Test":"TestHello"}
      {"Time":"2026-12-03T12:00:00Z","Action":"output","Package":"example.com/hello","Test":"TestHello","Output":"=== RUN   TestHello\\n"}
      {"Time":"2026-12-03T12:00:00Z","Action":"pass","Package":"example.com/hello","Test":"TestHello","Elapsed":0}
      {"Time":"2026-12-03T12:00:00Z","Action":"run","Package":"example.com/hello","Test":"TestBye"}
      {"Time":"2026-12-03T12:00:00Z","Action":"output","Package":"example.com/hello","Test":"TestBye","Output":"    hello_test.go:12: got bye\\n"}
      {"Time":"2026-12-03T12:00:00Z","Action":"fail","Package":"example.com/hello","Test":"TestBye","Elapsed":0}
      {"Time":"2026-12-03T12:00:00Z","Action":"skip","Package":"example.com/hello","Test":"TestSlow","Elapsed":0}
      {"Time":"2026-12-03T12:00:00Z","Action":"fail","Package":"example.com/hello","Elapsed":0.01}
      # example.com/broken [example.com/broken.test]
      {"Time":"2026-12-03T12:00:00Z","Action":"fail","Package":"example.com/broken","Elapsed":0}
      """;

  @Test
  void readsTestsAndPackagesThatDidNotBuild() throws Exception {
    byte[] content = EVENTS.getBytes(StandardCharsets.UTF_8);
    assertThat(GoTestJson.looksLikeIt(content)).isTrue();
    assertThat(GoTestJson.parse(content))
        .containsExactly(
            new TestCase("example.com/hello", "TestHello", Result.PASSED, ""),
            new TestCase(
                "example.com/hello", "TestBye", Result.FAILED, "hello_test.go:12: got bye"),
            new TestCase("example.com/hello", "TestSlow", Result.SKIPPED, ""),
            new TestCase(
                "example.com/broken",
                "(package)",
                Result.FAILED,
                "the package failed outside a test"));
  }

  @Test
  void xmlIsNotMistakenForEvents() {
    assertThat(GoTestJson.looksLikeIt(" \n<testsuite/>".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
  }

  @Test
  void aBrokenEventNamesItsLine() {
    byte[] content = "{\"Action\":\"run\"}\n{\"Action\":".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> GoTestJson.parse(content))
        .isInstanceOf(ReportException.class)
        .hasMessageStartingWith("go test -json line 2 is not JSON");
  }
}
