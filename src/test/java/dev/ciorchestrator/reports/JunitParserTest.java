package dev.ciorchestrator.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.reports.TestCase.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JUnit dialects of the tools recipes use, and hostile XML. */
class JunitParserTest {
  @Test
  void surefire() throws Exception {
    List<TestCase> cases =
        parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="dev.x.FooTest" tests="4" failures="1" errors="1" skipped="1">
              <properties><property name="java.version" value="17"/></properties>
              <testcase name="adds" classname="dev.x.FooTest" time="0.01"/>
              <testcase name="divides" classname="dev.x.FooTest" time="0.01">
                <failure message="expected: 2 but was: 3" type="AssertionFailedError">trace</failure>
                <system-out>out</system-out>
              </testcase>
              <testcase name="io" classname="dev.x.FooTest"><error message="boom"/></testcase>
              <testcase name="later" classname="dev.x.FooTest"><skipped message="todo"/></testcase>
              <testcase name="flaky" classname="dev.x.FooTest">
                <flakyFailure message="once" type="X"/>
              </testcase>
            </testsuite>
            """);
    assertThat(cases)
        .containsExactly(
            new TestCase("dev.x.FooTest", "adds", Result.PASSED, ""),
            new TestCase("dev.x.FooTest", "divides", Result.FAILED, "expected: 2 but was: 3"),
            new TestCase("dev.x.FooTest", "io", Result.FAILED, "boom"),
            new TestCase("dev.x.FooTest", "later", Result.SKIPPED, "todo"),
            new TestCase("dev.x.FooTest", "flaky", Result.PASSED, ""));
  }

  @Test
  void goJunitReportAndGotestsum() throws Exception {
    List<TestCase> cases =
        parse(
            """
            <testsuites tests="3" failures="1">
              <testsuite name="example.com/hello" tests="3" failures="1" errors="0" id="0">
                <properties><property name="go.version" value="go1.22"></property></properties>
                <testcase classname="example.com/hello" name="TestHello" time="0.000"></testcase>
                <testcase classname="example.com/hello" name="TestBye" time="0.000">
                  <failure message="Failed" type="">hello_test.go:12: got bye</failure>
                </testcase>
                <testcase classname="example.com/hello" name="TestSkip" time="0.000">
                  <skipped message="hello_test.go:20: short mode"></skipped>
                </testcase>
              </testsuite>
            </testsuites>
            """);
    assertThat(cases)
        .extracting(TestCase::id, TestCase::result)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("example.com/hello.TestHello", Result.PASSED),
            org.assertj.core.groups.Tuple.tuple("example.com/hello.TestBye", Result.FAILED),
            org.assertj.core.groups.Tuple.tuple("example.com/hello.TestSkip", Result.SKIPPED));
  }

  @Test
  void pytest() throws Exception {
    List<TestCase> cases =
        parse(
            """
            <?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0"
             failures="1" skipped="1" tests="3" time="0.05" hostname="h">
            <testcase classname="tests.test_calc" name="test_add" file="tests/test_calc.py" line="3"
             time="0.001" />
            <testcase classname="tests.test_calc" name="test_sub" time="0.001"><failure
             message="assert 1 == 2">def test_sub(): ...</failure></testcase>
            <testcase classname="tests.test_calc" name="test_mul" time="0.000"><skipped
             type="pytest.skip" message="not yet">tests/test_calc.py:9: not yet</skipped></testcase>
            </testsuite></testsuites>
            """);
    assertThat(cases)
        .containsExactly(
            new TestCase("tests.test_calc", "test_add", Result.PASSED, ""),
            new TestCase("tests.test_calc", "test_sub", Result.FAILED, "assert 1 == 2"),
            new TestCase("tests.test_calc", "test_mul", Result.SKIPPED, "not yet"));
  }

  @Test
  void ctest() throws Exception {
    List<TestCase> cases =
        parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="Linux-c++" tests="4" failures="1" disabled="1" skipped="1"
             hostname="" time="0" timestamp="2026-12-03T12:00:00">
              <testcase name="unit" classname="unit" time="0.01" status="run">
                <system-out>ok</system-out>
              </testcase>
              <testcase name="overflow" classname="overflow" time="0.02" status="fail">
                <failure message="Failed"/>
              </testcase>
              <testcase name="slow" classname="slow" time="0" status="notrun">
                <skipped message="Disabled"/>
              </testcase>
              <testcase name="gone" classname="gone" time="0" status="disabled"/>
            </testsuite>
            """);
    assertThat(cases)
        .containsExactly(
            new TestCase("Linux-c++", "unit", Result.PASSED, ""),
            new TestCase("Linux-c++", "overflow", Result.FAILED, "Failed"),
            new TestCase("Linux-c++", "slow", Result.SKIPPED, "Disabled"),
            new TestCase("Linux-c++", "gone", Result.SKIPPED, ""));
  }

  @Test
  void externalEntityIsRefusedAndNothingLeaks(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-VALUE");
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE testsuite [<!ENTITY xxe SYSTEM "%s">]>
        <testsuite name="s"><testcase name="&xxe;"/></testsuite>
        """
            .formatted(secret.toUri());
    assertThatThrownBy(() -> parse(xxe))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("DOCTYPE is not allowed")
        .hasMessageNotContaining("TOP-SECRET-VALUE");
  }

  @Test
  void billionLaughsIsRefusedBeforeAnyExpansion() {
    StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      String prev = "&lol" + (i - 1) + ";";
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(prev.repeat(10)).append("\">");
    }
    String bomb =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz ["
            + dtd
            + "]>"
            + "<testsuite><testcase name=\"&lol9;\"/></testsuite>";
    assertThatThrownBy(() -> parse(bomb))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("DOCTYPE is not allowed");
  }

  @Test
  void undeclaredEntityReferenceIsAnErrorNotText() {
    assertThatThrownBy(() -> parse("<testsuite><testcase name=\"a&x;\"/></testsuite>"))
        .isInstanceOf(ReportException.class)
        .hasMessageStartingWith("not well-formed JUnit XML at line 1");
  }

  @Test
  void brokenXmlNamesItsPlace() {
    assertThatThrownBy(() -> parse("<testsuite>\n<testcase name='a'>\n</testsuite>"))
        .isInstanceOf(ReportException.class)
        .hasMessageStartingWith("not well-formed JUnit XML at line 3");
  }

  @Test
  void longMessagesAreCut() throws Exception {
    String long1 = "x".repeat(5000);
    List<TestCase> cases =
        parse(
            "<testsuite><testcase name='a'><failure message='"
                + long1
                + "'/></testcase></testsuite>");
    assertThat(cases.get(0).message()).hasSize(TestCase.MESSAGE_MAX);
  }

  private static List<TestCase> parse(String xml) throws ReportException {
    return JunitParser.parse(xml.getBytes(StandardCharsets.UTF_8));
  }
}
