package dev.ciorchestrator.cli;

import java.util.ArrayList;
import java.util.List;

/** The command line of {@code diff}: two operands, then {@code --repo} and {@code --path}. */
record DiffOptions(String oldSide, String newSide, String repo, String path) {
  static DiffOptions parse(List<String> args) {
    List<String> operands = new ArrayList<>();
    String repo = ".";
    String path = "";
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--repo" -> repo = value(args, ++i, a);
        case "--path" -> path = value(args, ++i, a);
        default -> {
          if (a.startsWith("-")) {
            throw new IllegalArgumentException("diff: unknown option '" + a + "'");
          }
          operands.add(a);
        }
      }
    }
    if (operands.size() != 2) {
      throw new IllegalArgumentException(
          "diff takes two configs, old then new: folders or Git revisions");
    }
    return new DiffOptions(operands.get(0), operands.get(1), repo, path);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size() || args.get(i).startsWith("-")) {
      throw new IllegalArgumentException("diff: " + option + " needs a value");
    }
    return args.get(i);
  }
}
