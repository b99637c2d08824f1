package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.ParsedFile.ExpressionSite;
import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.policy.Compilation;
import dev.ciorchestrator.policy.Expression;
import dev.ciorchestrator.policy.ExpressionProblem;
import dev.ciorchestrator.policy.PolicyEngine;
import dev.ciorchestrator.policy.ResultType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles every CEL text of a revision through the {@link PolicyEngine} and turns each problem
 * into an error at its place in the YAML file. The engine caches across revisions; this class only
 * avoids asking twice within one load.
 */
final class ExpressionCompiler {
  // What cel-java says of words that are not CEL: an unknown name, or a parser's complaint.
  private static final List<String> PLAIN_TEXT_FAILURES =
      List.of(
          "undeclared reference to",
          "mismatched input",
          "extraneous input",
          "no viable alternative",
          "token recognition error");

  private final PolicyEngine engine;
  private final Map<String, Expression> compiled = new HashMap<>();
  private final List<ConfigError> errors = new ArrayList<>();
  private final Map<Key, Compilation> seen = new HashMap<>();

  ExpressionCompiler(PolicyEngine engine) {
    this.engine = engine;
  }

  private record Key(String text, ResultType type) {}

  /**
   * Compiles the distinct texts of {@code sites} side by side into the engine's cache, so that
   * {@link #compile} in file order finds them there: a first load of 2,000 policies is mostly
   * compiling. Failures are left for {@link #compile} to report where they are.
   */
  void prefetch(List<ExpressionSite> sites) {
    sites.stream().map(s -> new Key(s.text(), s.type())).distinct().toList().parallelStream()
        .forEach(
            k -> {
              try {
                engine.compile(k.text(), k.type());
              } catch (RuntimeException e) {
                // compile(site) asks again and reports it at the site
              }
            });
  }

  void compile(ExpressionSite site) {
    Compilation result;
    try {
      result =
          seen.computeIfAbsent(
              new Key(site.text(), site.type()), k -> engine.compile(k.text(), k.type()));
    } catch (RuntimeException e) {
      errors.add(
          new ConfigError(
              site.node().position(), site.field(), "internal error while compiling: " + e));
      return;
    }
    if (result instanceof Compilation.Compiled c) {
      compiled.putIfAbsent(site.text(), c.expression());
    } else if (result instanceof Compilation.Invalid invalid) {
      String hint =
          invalid.problems().isEmpty() ? "" : plainTextHint(site, invalid.problems().get(0));
      for (ExpressionProblem problem : invalid.problems()) {
        errors.add(error(site, problem, hint));
        hint = "";
      }
    }
  }

  /**
   * A message written as plain text ({@code message: oops}) fails as CEL with a parser's or
   * checker's complaint about its words; say what {@code message} is and how to quote the text.
   */
  private static String plainTextHint(ExpressionSite site, ExpressionProblem first) {
    String text = site.text().strip();
    boolean words =
        PLAIN_TEXT_FAILURES.stream().anyMatch(first.message()::startsWith)
            && !text.isEmpty()
            && text.chars().noneMatch(c -> c == '\'' || c == '"' || c == '\\' || c == '\n');
    if (site.type() != ResultType.STRING || !words) {
      return "";
    }
    return "; %s is a CEL expression, so text must be a quoted CEL string: %s: \"'%s'\""
        .formatted(site.field(), site.field(), text);
  }

  Map<String, Expression> compiled() {
    return Map.copyOf(compiled);
  }

  List<ConfigError> errors() {
    return List.copyOf(errors);
  }

  private static ConfigError error(ExpressionSite site, ExpressionProblem problem, String hint) {
    return new ConfigError(
        ExpressionLocator.locate(site.node(), problem.line(), problem.column()),
        site.field(),
        "invalid expression: " + problem.message() + hint);
  }
}
