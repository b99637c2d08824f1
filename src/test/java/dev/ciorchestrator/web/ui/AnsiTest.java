package dev.ciorchestrator.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.web.ui.Ansi.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Colours become our class names; every other escape and control character disappears. */
class AnsiTest {
  private final Ansi ansi = new Ansi();

  @Test
  void plainTextIsOneUnstyledSpan() {
    assertThat(ansi.line("hello <b>world</b>")).containsExactly(new Span("", "hello <b>world</b>"));
    assertThat(ansi.line("")).isEmpty();
  }

  @Test
  void sgrColoursAndAttributesBecomeClassNames() {
    assertThat(ansi.line("\u001b[1;31mFAIL\u001b[0m ok"))
        .containsExactly(new Span("a-f1 a-b", "FAIL"), new Span("", " ok"));
    assertThat(ansi.line("\u001b[92;44mgreen on blue\u001b[39m bg only\u001b[m"))
        .containsExactly(new Span("a-f10 a-g4", "green on blue"), new Span("a-g4", " bg only"));
    assertThat(ansi.line("\u001b[2;3;4mx\u001b[22;23;24my"))
        .containsExactly(new Span("a-d a-i a-u", "x"), new Span("", "y"));
    assertThat(ansi.line("\u001b[38;5;3my\u001b[38;5;200mz\u001b[38;2;1;2;3mw\u001b[0m"))
        .containsExactly(new Span("a-f3", "y"), new Span("a-f3", "z"), new Span("a-f3", "w"));
  }

  @Test
  void aColourLastsIntoTheNextLineUntilReset() {
    ansi.line("\u001b[33mwarning: a");
    assertThat(ansi.line("b\u001b[0mc")).containsExactly(new Span("a-f3", "b"), new Span("", "c"));
  }

  @Test
  void otherSequencesAndControlCharactersAreDroppedNeverShown() {
    assertThat(text(ansi.line("a\u001b[2Kb\u001b[10;20Hc\u001b]0;title\u0007d"))).isEqualTo("abcd");
    assertThat(text(ansi.line("\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\ end")))
        .isEqualTo("link end");
    assertThat(text(ansi.line("bell\u0007 nul\u0000 del\u007f c1\u009b tab\tok")))
        .isEqualTo("bell nul del c1 tab\tok");
    assertThat(text(ansi.line("cut \u001b[31"))).isEqualTo("cut ");
    assertThat(text(ansi.line("cut \u001b]0;never ends"))).isEqualTo("cut ");
    assertThat(text(ansi.line("a \u001b"))).isEqualTo("a ");
  }

  @Test
  void markupHiddenInEscapesStaysText() {
    // a malformed SGR carrying markup changes nothing and none of its bytes become a class name
    List<Span> spans = ansi.line("\u001b[31;\"><img src=x onerror=alert(1)>m<script>x</script>");
    assertThat(spans).allSatisfy(s -> assertThat(s.cls()).matches("[a-z0-9 -]*"));
    assertThat(text(spans)).contains("<script>x</script>");
  }

  @Test
  void aCarriageReturnDrawsOverTheLineAndCrlfEndsIt() {
    assertThat(text(ansi.line("10%\r50%\r100%"))).isEqualTo("100%");
    assertThat(text(ansi.line("windows line\r"))).isEqualTo("windows line");
  }

  private static String text(List<Span> spans) {
    StringBuilder out = new StringBuilder();
    spans.forEach(s -> out.append(s.text()));
    return out.toString();
  }
}
