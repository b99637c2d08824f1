package dev.ciorchestrator.forge.command;

import dev.ciorchestrator.config.validation.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Prow-style commands from a comment body: one per line, the line starting with {@code /}.
 * Lines inside fenced code blocks and quoted lines are skipped, because quoting someone's {@code
 * /approve} in a reply, or showing a command in an example, must not act on the change.
 */
public final class CommandParser {
  // The name must be followed by whitespace or the end of the line, so paths like /usr/bin are not
  // read as a command named "usr".
  private static final Pattern COMMAND =
      Pattern.compile("^/([a-z][a-z0-9-]*)(?:\\s+(.*))?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final String CANCEL = "cancel";

  private CommandParser() {}

  /** The commands of {@code body} in the order they appear; never null, possibly empty. */
  public static List<Command> parse(String body) {
    List<Command> commands = new ArrayList<>();
    if (body == null) {
      return commands;
    }
    String fence = null;
    for (String raw : body.split("\\R")) {
      String line = raw.strip();
      String marker = fenceMarker(line);
      if (marker != null && (fence == null || line.startsWith(fence))) {
        fence = fence == null ? marker : null;
        continue;
      }
      if (fence != null || line.startsWith(">")) {
        continue;
      }
      Matcher m = COMMAND.matcher(line);
      Command command =
          m.matches() ? command(line, m.group(1).toLowerCase(Locale.ROOT), args(m.group(2))) : null;
      if (command != null) {
        commands.add(command);
      }
    }
    return List.copyOf(commands);
  }

  /** The built-in command names, without the slash. */
  public static final List<String> NAMES =
      List.of("test", "retest", "ok-to-test", "hold", "unhold", "lgtm", "approve");

  /**
   * A word that is not one of our commands is {@link Command.Custom} when it stands alone ({@code
   * /lint} may be a job's command; if no job answers, the planner says so when the word is close to
   * one of ours, and stays quiet otherwise), and {@link Command.Invalid} when arguments follow and
   * it is close to one of ours, so the summary can hint at a typo ({@code /tset all}). Other bots'
   * commands with arguments ({@code /assign bob}, {@code /kind bug}) are not ours: no command.
   */
  private static Command command(String line, String name, List<String> args) {
    return switch (name) {
      case "test" -> test(line, args);
      case "retest" -> noArgs(line, name, args, new Command.Retest());
      case "ok-to-test" -> noArgs(line, name, args, new Command.OkToTest());
      case "unhold" -> noArgs(line, name, args, new Command.Hold(false));
      // Anything after /hold but "cancel" is a reason ("/hold waiting for infra"): holding is the
      // safe side, so it is not refused.
      case "hold" -> new Command.Hold(!isCancel(args));
      case "lgtm" -> vote(line, name, args, Command.Lgtm::new);
      case "approve" -> vote(line, name, args, Command.Approve::new);
      default -> unknown(line, name, args);
    };
  }

  /** Null for another bot's command: it is neither answered nor remembered. */
  private static Command unknown(String line, String name, List<String> args) {
    if (args.isEmpty()) {
      return new Command.Custom("/" + name);
    }
    String hint = Suggestions.didYouMean(name, NAMES);
    return hint.isEmpty()
        ? null
        : new Command.Invalid(line, "not a ci-orchestrator command" + hint);
  }

  private static Command test(String line, List<String> args) {
    if (args.isEmpty()) {
      return new Command.Invalid(line, "/test needs a job name or 'all'");
    }
    LinkedHashSet<String> jobs = new LinkedHashSet<>();
    for (String arg : args) {
      // The planner matches "all" exactly; job names are left as typed.
      jobs.add(arg.equalsIgnoreCase("all") ? "all" : arg);
    }
    return new Command.Test(List.copyOf(jobs));
  }

  private static Command noArgs(String line, String name, List<String> args, Command command) {
    return args.isEmpty() ? command : new Command.Invalid(line, "/" + name + " takes no arguments");
  }

  /*
   * A vote with a misspelt "cancel" ("/approve cancle") is refused rather than read as a vote:
   * granting an approval the user meant to withdraw is the one mistake we must not make.
   */
  private static Command vote(
      String line, String name, List<String> args, Function<Boolean, Command> make) {
    if (args.isEmpty()) {
      return make.apply(true);
    }
    if (isCancel(args)) {
      return make.apply(false);
    }
    return new Command.Invalid(line, "/" + name + " takes no argument but 'cancel'");
  }

  private static boolean isCancel(List<String> args) {
    return args.size() == 1 && args.get(0).equalsIgnoreCase(CANCEL);
  }

  private static List<String> args(String rest) {
    if (rest == null || rest.isBlank()) {
      return List.of();
    }
    return List.of(SPACES.split(rest.strip()));
  }

  /** "```" or "~~~" (or longer) opening a fence; a closing fence must use the same characters. */
  private static String fenceMarker(String line) {
    if (line.startsWith("```")) {
      return "```";
    }
    if (line.startsWith("~~~")) {
      return "~~~";
    }
    return null;
  }
}
