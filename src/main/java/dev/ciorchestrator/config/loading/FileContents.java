package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.ParsedFile.Declaration;
import dev.ciorchestrator.config.loading.ParsedFile.ExpressionSite;
import dev.ciorchestrator.config.loading.ParsedFile.NeedReference;
import dev.ciorchestrator.config.loading.ParsedFile.RepoReference;
import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.config.model.Repository;
import java.util.ArrayList;
import java.util.List;

/** What the binders of one file have found so far; becomes a {@link ParsedFile}. */
final class FileContents {
  final Problems problems;
  final List<Repository> repositories = new ArrayList<>();
  final List<Job> jobs = new ArrayList<>();
  final List<Policy> policies = new ArrayList<>();
  final List<Declaration> declarations = new ArrayList<>();
  final List<RepoReference> references = new ArrayList<>();
  final List<NeedReference> needs = new ArrayList<>();
  final List<ExpressionSite> expressions = new ArrayList<>();
  final List<RecipeDef> recipes = new ArrayList<>();
  final List<PendingJob> pending = new ArrayList<>();

  FileContents(Problems problems) {
    this.problems = problems;
  }

  ParsedFile build() {
    return new ParsedFile(
        repositories,
        jobs,
        policies,
        declarations,
        references,
        needs,
        expressions,
        problems.list(),
        recipes,
        pending);
  }
}
