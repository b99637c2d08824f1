package dev.ciorchestrator.policy.cel;

import static dev.ciorchestrator.policy.cel.Fixtures.compiled;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.ciorchestrator.domain.JobStatus;
import dev.ciorchestrator.policy.Bindings;
import dev.ciorchestrator.policy.PolicyException;
import dev.ciorchestrator.policy.ResultType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where a call is costly, our bounded built-ins compute it themselves (BoundedSearch,
 * BoundedReplace, RegexFunctions): on texts and substrings large enough to take that path, over an
 * alphabet with a character outside the BMP, they give exactly what the stock functions give.
 */
class BoundedBuiltInsTest {
  private static final CelPolicyEngine ENGINE =
      new CelPolicyEngine(CelLimits.DEFAULT.withTimeLimit(Duration.ofSeconds(20)));
  private static final StockBindings STRINGS = new StockBindings(CelExtensions.strings());
  private static final StockBindings REGEX = new StockBindings(CelExtensions.regex());
  private static final String[] ALPHABET = {"a", "b", "\uD83D\uDE00"};

  /** A text of 20,000 code points and a substring of 300: 6 million comparisons at worst. */
  record Case(String text, String search, int offset) {
    @Override
    public String toString() {
      return "seed text " + text.hashCode() + ", search " + search.length();
    }
  }

  static Stream<Case> cases() {
    return IntStream.range(0, 12)
        .mapToObj(
            seed -> {
              Random random = new Random(seed);
              String text = random(random, 20_000);
              String search =
                  seed % 2 == 0
                      ? substring(text, random.nextInt(19_000), 300)
                      : random(random, 300);
              if (seed % 3 == 0) {
                search = "a".repeat(299) + "b"; // long runs of near matches
                text = "a".repeat(10_000) + search + "a".repeat(9_000);
              }
              return new Case(text, search, random.nextInt(15_000));
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void searchesGiveTheStockAnswers(Case c) throws Exception {
    Bindings in = bindings(c.text, c.search, "xyz");
    assertThat(eval("string(change.title.contains(change.author))", in))
        .isEqualTo(String.valueOf(c.text.contains(c.search)));
    String five = c.search.repeat(5); // long enough for contains to leave the JDK's search
    assertThat(
            eval(
                "string(change.title.contains(" + "change.author + ".repeat(4) + "change.author))",
                in))
        .isEqualTo(String.valueOf(c.text.contains(five)));
    assertThat(eval("string(change.title.indexOf(change.author))", in))
        .isEqualTo(stock("string_index_of_string", c.text, c.search));
    assertThat(eval("string(change.title.indexOf(change.author, " + c.offset + "))", in))
        .isEqualTo(stock("string_index_of_string_int", c.text, c.search, (long) c.offset));
    assertThat(eval("string(change.title.lastIndexOf(change.author))", in))
        .isEqualTo(stock("string_last_index_of_string", c.text, c.search));
    assertThat(eval("string(change.title.lastIndexOf(change.author, " + c.offset + "))", in))
        .isEqualTo(stock("string_last_index_of_string_int", c.text, c.search, (long) c.offset));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void splitAndReplaceGiveTheStockAnswers(Case c) throws Exception {
    Bindings in = bindings(c.text, c.search, "<>");
    assertThat(eval("change.title.split(change.author).join('|')", in))
        .isEqualTo(String.join("|", stockList("string_split_string", c.text, c.search)));
    assertThat(eval("change.title.split(change.author, 3).join('|')", in))
        .isEqualTo(String.join("|", stockList("string_split_string_int", c.text, c.search, 3L)));
    assertThat(eval("change.title.split('', 7000).join('|')", in))
        .isEqualTo(String.join("|", stockList("string_split_string_int", c.text, "", 7000L)));
    assertThat(eval("change.title.replace(change.author, change.baseRef)", in))
        .isEqualTo(stock("string_replace_string_string", c.text, c.search, "<>"));
    assertThat(eval("change.title.replace(change.author, change.baseRef, 2)", in))
        .isEqualTo(stock("string_replace_string_string_int", c.text, c.search, "<>", 2L));
  }

  static Stream<String> patterns() {
    return Stream.of("a(b+)a", "(\uD83D\uDE00|b)a", "", "a*", "(ab)+b", "b{3,5}", "[ab]{20}");
  }

  @SuppressWarnings("unchecked")
  @ParameterizedTest(name = "{0}")
  @MethodSource("patterns")
  void regexesGiveTheStockAnswersOnLongTexts(String pattern) throws Exception {
    String text = random(new Random(pattern.hashCode()), 300_000);
    // An empty pattern matches everywhere: a growing replacement would pass the result bound.
    String replacement =
        pattern.isEmpty() ? "" : Pattern.compile(pattern).groupCount() > 0 ? "<\\1>" : "<>";
    Bindings in = bindings(text, pattern, replacement);
    assertThat(eval("string(change.title.matches(change.author))", in))
        .isEqualTo(String.valueOf(Pattern.compile(pattern).matcher(text).find()));
    assertThat(eval("regex.replace(change.title, change.author, change.baseRef)", in))
        .isEqualTo(regexStock("regex_replaceAll_string_string_string", text, pattern, replacement));
    assertThat(eval("regex.replace(change.title, change.author, change.baseRef, 5)", in))
        .isEqualTo(
            regexStock(
                "regex_replaceCount_string_string_string_int", text, pattern, replacement, 5L));
    assertThat(eval("regex.extract(change.title, change.author).orValue('-')", in))
        .isEqualTo(
            ((Optional<?>) regexStock("regex_extract_string_string", text, pattern))
                .map(String::valueOf)
                .orElse("-"));
    assertThat(eval("regex.extractAll(change.title, change.author).join('|')", in))
        .isEqualTo(
            String.join(
                "|", (List<String>) regexStock("regex_extractAll_string_string", text, pattern)));
  }

  private static String eval(String expression, Bindings bindings) throws PolicyException {
    return (String) compiled(ENGINE, expression, ResultType.STRING).evaluate(bindings);
  }

  private static String stock(String overloadId, Object... args) throws CelEvaluationException {
    return String.valueOf(STRINGS.stock(overloadId).getDefinition().apply(args));
  }

  @SuppressWarnings("unchecked")
  private static List<String> stockList(String overloadId, Object... args)
      throws CelEvaluationException {
    return (List<String>) STRINGS.stock(overloadId).getDefinition().apply(args);
  }

  private static Object regexStock(String overloadId, Object... args)
      throws CelEvaluationException {
    return REGEX.stock(overloadId).getDefinition().apply(args);
  }

  private static String random(Random random, int codePoints) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      out.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return out.toString();
  }

  private static String substring(String text, int fromCodePoint, int codePoints) {
    int from = text.offsetByCodePoints(0, fromCodePoint);
    return text.substring(from, text.offsetByCodePoints(from, codePoints));
  }

  private static Bindings bindings(String title, String author, String baseRef) {
    return Fixtures.bindings(
        Fixtures.change(title, author, baseRef, Fixtures.change().files()),
        Fixtures.jobs(1, JobStatus.SUCCESS));
  }
}
