package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One untrusted file to YAML documents with positions, within {@link YamlLimits}. Documents
 * composed before a syntax error are kept, so their own errors are reported in the same load.
 */
final class YamlParser {
  record Result(List<YamlNode> documents, List<ConfigError> errors) {}

  private YamlParser() {}

  static Result parse(ConfigFile file) {
    Problems problems = new Problems();
    if (file.content().length > YamlLimits.MAX_FILE_BYTES) {
      problems.add(SourcePosition.ofFile(file.path()), "", tooLarge());
      return new Result(List.of(), problems.list());
    }
    Utf8.Decoded decoded = Utf8.decode(file.content());
    if (decoded instanceof Utf8.Invalid bad) {
      problems.add(
          new SourcePosition(file.path(), bad.line(), bad.column()),
          "",
          String.format("file is not valid UTF-8 (byte 0x%02X); save it as UTF-8", bad.badByte()));
      return new Result(List.of(), problems.list());
    }
    return compose(new SourceText(file.path(), ((Utf8.Text) decoded).text()), problems);
  }

  private static Result compose(SourceText source, Problems problems) {
    LoaderOptions options = options();
    TrackingParser parser =
        new TrackingParser(new ParserImpl(new StreamReader(source.text()), options));
    Composer composer = new Composer(parser, new Resolver(), options);
    NodeConverter converter = new NodeConverter(source, problems);
    List<YamlNode> documents = new ArrayList<>();
    try {
      while (composer.checkNode()) {
        Node node = composer.getNode();
        if (!isEmpty(node)) {
          documents.add(converter.convert(node, ""));
        }
      }
    } catch (MarkedYAMLException e) {
      problems.add(YamlErrors.position(source, e, parser.lastMark()), "", YamlErrors.message(e));
    } catch (ReaderException e) {
      problems.add(source.position(e.getPosition()), "", YamlErrors.message(e));
    } catch (YAMLException e) {
      problems.add(position(source, parser.lastMark()), "", YamlErrors.message(e));
    }
    return new Result(documents, problems.list());
  }

  static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(YamlLimits.MAX_ALIASES);
    options.setNestingDepthLimit(YamlLimits.MAX_NESTING_DEPTH);
    options.setCodePointLimit(YamlLimits.MAX_FILE_BYTES);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  static String tooLarge() {
    return "file is larger than "
        + YamlLimits.MAX_FILE_BYTES
        + " bytes, the limit for one config file; split it into several files";
  }

  /** A bare {@code ---} (or a file of comments) composes to a null scalar: not a document. */
  private static boolean isEmpty(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
  }

  static SourcePosition position(SourceText source, Mark mark) {
    return mark == null
        ? SourcePosition.ofFile(source.file())
        : new SourcePosition(source.file(), mark.getLine() + 1, mark.getColumn() + 1);
  }
}
