package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.policy.PolicyEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns the files of one config revision into a {@link ConfigSnapshot}, or into every error found
 * (never just the first, and never an exception for bad input). Thread-safe. Files are parsed once
 * per (path, blob id): a reload where one file changed re-parses only that file.
 */
public final class ConfigLoader {
  private final PolicyEngine engine;

  /** Only the files of the most recent load, so the cache never outgrows one revision. */
  private final AtomicReference<Map<FileKey, ParsedFile>> cache = new AtomicReference<>(Map.of());

  private final AtomicLong parses = new AtomicLong();

  public ConfigLoader(PolicyEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  public LoadResult load(String revision, List<ConfigFile> files) {
    Map<FileKey, ParsedFile> previous = cache.get();
    Map<FileKey, ParsedFile> current = new LinkedHashMap<>(parseNew(files, previous));
    List<ParsedFile> parsed = new ArrayList<>();
    for (ConfigFile file : files) {
      FileKey key = new FileKey(file.path(), file.blobId());
      parsed.add(current.computeIfAbsent(key, previous::get));
    }
    cache.set(Map.copyOf(current));
    return assemble(revision, parsed, files);
  }

  /** How many files were parsed rather than taken from the cache, for tests. */
  long parses() {
    return parses.get();
  }

  /**
   * The files not parsed before, parsed side by side (parsing is pure, and a first load of a big
   * config is mostly parsing and compiling); a reload has one or two.
   */
  private Map<FileKey, ParsedFile> parseNew(
      List<ConfigFile> files, Map<FileKey, ParsedFile> previous) {
    Map<FileKey, ConfigFile> fresh = new LinkedHashMap<>();
    for (ConfigFile file : files) {
      FileKey key = new FileKey(file.path(), file.blobId());
      if (!previous.containsKey(key)) {
        fresh.putIfAbsent(key, file);
      }
    }
    parses.addAndGet(fresh.size());
    Map<FileKey, ParsedFile> out = new LinkedHashMap<>();
    List<FileKey> keys = List.copyOf(fresh.keySet());
    List<ParsedFile> results = keys.parallelStream().map(k -> parseFile(fresh.get(k))).toList();
    for (int i = 0; i < keys.size(); i++) {
      out.put(keys.get(i), results.get(i));
    }
    return out;
  }

  static ParsedFile parseFile(ConfigFile file) {
    if (file.isRefused()) {
      return ParsedFile.failed(
          List.of(new ConfigError(SourcePosition.ofFile(file.path()), "", file.refusal())));
    }
    try {
      YamlParser.Result yaml = YamlParser.parse(file);
      Problems problems = new Problems();
      problems.addAll(yaml.errors());
      FileContents contents = new FileContents(problems);
      for (YamlNode document : yaml.documents()) {
        DocumentBinder.bind(document, contents);
      }
      return contents.build();
    } catch (RuntimeException | StackOverflowError e) {
      return ParsedFile.failed(List.of(internalError(SourcePosition.ofFile(file.path()), e)));
    }
  }

  private LoadResult assemble(String revision, List<ParsedFile> parsed, List<ConfigFile> sources) {
    List<ConfigError> errors = new ArrayList<>();
    ExpressionCompiler compiler = new ExpressionCompiler(engine);
    List<ParsedFile> files = parsed;
    try {
      files = Recipes.expand(parsed, errors);
      files.forEach(f -> errors.addAll(f.errors()));
      errors.addAll(CrossChecks.check(files));
      errors.addAll(NeedsGraph.check(files));
      compiler.prefetch(files.stream().flatMap(f -> f.expressions().stream()).toList());
      files.forEach(f -> f.expressions().forEach(compiler::compile));
      errors.addAll(compiler.errors());
    } catch (RuntimeException e) {
      // Not bound to one file; the first is where a reader starts looking.
      String file = sources.isEmpty() ? "" : sources.get(0).path();
      errors.add(internalError(SourcePosition.ofFile(file), e));
    }
    if (!errors.isEmpty()) {
      // A broken recipe is reported at its own lines by every job using it: once is enough.
      return new LoadResult.Failed(revision, errors.stream().distinct().toList());
    }
    return new LoadResult.Loaded(
        new ConfigSnapshot(
            revision,
            files.stream().flatMap(f -> f.repositories().stream()).toList(),
            files.stream().flatMap(f -> f.jobs().stream()).toList(),
            files.stream().flatMap(f -> f.policies().stream()).toList(),
            compiler.compiled()));
  }

  private static ConfigError internalError(SourcePosition at, Throwable e) {
    return new ConfigError(at, "", "internal error while loading: " + e);
  }

  private record FileKey(String path, String blobId) {}
}
