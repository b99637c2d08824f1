package dev.ciorchestrator.forge.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.forge.command.Command.Approve;
import dev.ciorchestrator.forge.command.Command.Custom;
import dev.ciorchestrator.forge.command.Command.Hold;
import dev.ciorchestrator.forge.command.Command.Invalid;
import dev.ciorchestrator.forge.command.Command.Lgtm;
import dev.ciorchestrator.forge.command.Command.OkToTest;
import dev.ciorchestrator.forge.command.Command.Retest;
import dev.ciorchestrator.forge.command.Command.Test;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandParserTest {

  static Stream<Arguments> rows() {
    return Stream.of(
        row("one job", "/test unit", new Test(List.of("unit"))),
        row("several jobs", "/test unit lint", new Test(List.of("unit", "lint"))),
        row("all, any case", "/test ALL", new Test(List.of("all"))),
        row("duplicate jobs once", "/test a a b", new Test(List.of("a", "b"))),
        row("job name keeps its case", "/TEST Unit", new Test(List.of("Unit"))),
        row("test without job", "/test", new Invalid("/test", "/test needs a job name or 'all'")),
        row(
            "test with blanks only",
            "/test   ",
            new Invalid("/test", "/test needs a job name or 'all'")),
        row("retest", "/retest", new Retest()),
        row(
            "retest with args",
            "/retest unit",
            new Invalid("/retest unit", "/retest takes no arguments")),
        row("hold", "/hold", new Hold(true)),
        row("hold with a reason", "/hold waiting for infra", new Hold(true)),
        row("hold cancel", "/hold cancel", new Hold(false)),
        row("unhold", "/unhold", new Hold(false)),
        row("lgtm and cancel", "/lgtm\n/lgtm cancel", new Lgtm(true), new Lgtm(false)),
        row("approve", "/approve", new Approve(true)),
        row("approve cancel, any case", "/Approve CANCEL", new Approve(false)),
        row(
            "misspelt cancel is refused",
            "/approve cancle",
            new Invalid("/approve cancle", "/approve takes no argument but 'cancel'")),
        row("ok-to-test", "/ok-to-test", new OkToTest()),
        row("leading whitespace", "   \t/hold", new Hold(true)),
        row(
            "a typo of ours gets a hint; another bot's command is not ours",
            "/assign bob\n/tset all\n/kind bug",
            new Invalid("/tset all", "not a ci-orchestrator command (did you mean 'test'?)")),
        row(
            "a word alone may be a job's command; the planner decides",
            "/lint\n/LINT",
            new Custom("/lint"),
            new Custom("/lint")),
        row("text before slash", "please /approve"),
        row("path is not a command", "/usr/bin/test all"),
        row("quoted line", "> /approve\nagreed"),
        row("fenced block", "```\n/approve\n/test all\n```\n/hold", new Hold(true)),
        row("tilde fence, backticks inside", "~~~\n```\n/approve\n~~~\n/lgtm", new Lgtm(true)),
        row("unclosed fence hides the rest", "```sh\n/approve"),
        row(
            "several commands in prose",
            "LGTM!\r\n/lgtm\r\nthanks\n/approve\n/test e2e",
            new Lgtm(true),
            new Approve(true),
            new Test(List.of("e2e"))),
        row("empty body", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void parses(String name, String body, List<Command> expected) {
    assertThat(CommandParser.parse(body)).containsExactlyElementsOf(expected);
  }

  private static Arguments row(String name, String body, Command... expected) {
    return Arguments.of(name, body, List.of(expected));
  }
}
