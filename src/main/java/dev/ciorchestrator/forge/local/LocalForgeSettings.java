package dev.ciorchestrator.forge.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deployment settings of the embedded local forge ({@code ci.forge.local.*}). */
@ConfigMapping(prefix = "ci.forge.local")
public interface LocalForgeSettings {
  /**
   * The one JSON file holding every change of the local forge; relative paths are resolved against
   * the working directory. The default folder is gitignored, so a checkout can host its own forge.
   */
  @WithDefault(".ci-orchestrator/local-forge.json")
  Path stateFile();

  /**
   * Where the local forge's repositories live: {@code owner/name} is the bare repository {@code
   * <reposDir>/<owner>/<name>.git} (see {@link LocalRepos}).
   */
  @WithDefault(".ci-orchestrator/repos")
  Path reposDir();

  /**
   * The login the orchestrator comments as. Its comments are never read as commands: a summary may
   * quote {@code /tset} to say it was ignored.
   */
  @WithDefault("ci-orchestrator")
  String bot();

  /**
   * The people of this forge, as a forge has accounts. Each acts through the API with their own
   * token ({@link #tokens}, else one generated into {@link #tokensDir}); unset, only the logins of
   * {@link #tokens} are users.
   */
  Optional<List<String>> users();

  /**
   * API tokens by login ({@code ci.forge.local.tokens.alice=...}); a login here is a user even when
   * {@link #users} does not list it. Best given from the environment or a secret, never from Git.
   */
  Map<String, String> tokens();

  /**
   * Where a user of {@link #users} without a token in {@link #tokens} gets one generated on first
   * start: the file {@code <tokensDir>/<login>}, readable only by the service's account.
   */
  @WithDefault(".ci-orchestrator/tokens")
  Path tokensDir();

  /**
   * How often the repositories are checked for a {@code git push} that went past the API ({@code
   * 1s}; {@code off} leaves it to the reconcile timer). Read by the scheduler, declared here so the
   * setting is validated with the others.
   */
  @WithDefault("1s")
  String watchInterval();
}
