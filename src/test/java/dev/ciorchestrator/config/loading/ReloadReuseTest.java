package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reload of a config where one policy file changed parses only that file and compiles only its
 * new texts: every unchanged policy keeps the very compiled expression it had (compiled texts are
 * keyed by their content, never by a policy's name), and an error in the changed file is still
 * reported at file:line:column, with the other files' policies untouched.
 */
class ReloadReuseTest {
  private static final int FILES = 12;
  private final CelPolicyEngine engine = new CelPolicyEngine();
  private final ConfigLoader loader = new ConfigLoader(engine);

  @Test
  void aReloadReusesTheUnchangedCompiledPoliciesAndRecompilesOnlyTheChangedText() {
    ConfigSnapshot before = loaded(loader.load("r1", files(-1, "")));
    long parses = loader.parses();
    long compilations = engine.compilations();

    // File 4's policy keeps its name but its rule is new text; the others are byte for byte.
    ConfigSnapshot after = loaded(loader.load("r2", files(4, " && true")));

    assertThat(loader.parses() - parses).isEqualTo(1);
    assertThat(engine.compilations() - compilations).isEqualTo(1);
    for (int f = 0; f < FILES; f++) {
      String rule = rule(f, "");
      if (f != 4) {
        assertThat(after.expression(rule)).isSameAs(before.expression(rule));
      }
    }
    assertThat(after.policies().get(4).rule()).isEqualTo(rule(4, " && true"));
    assertThat(after.expression(rule(4, " && true")).source()).isEqualTo(rule(4, " && true"));
  }

  @Test
  void aPolicyRenamedWithTheSameTextIsNotRecompiledAndAnErrorKeepsItsPlace() {
    loaded(loader.load("r1", files(-1, "")));
    long compilations = engine.compilations();

    List<ConfigFile> broken = files(-1, "");
    broken.set(
        7,
        file(
            "policies/p7.yaml",
            "b7-broken",
            policy("renamed-7", rule(7, ""))
                + "---\n"
                + policy("broken", "size(change.approvals) >= 'two'")));
    LoadResult result = loader.load("r2", broken);

    assertThat(ConfigLoaderTest.errors(result))
        .singleElement()
        .asString()
        .startsWith("policies/p7.yaml:11:31: rule: invalid expression:");
    // Only the broken text was compiled: the renamed policy's rule is the same text as before.
    assertThat(engine.compilations() - compilations).isEqualTo(1);
  }

  private static ConfigSnapshot loaded(LoadResult result) {
    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    return ((LoadResult.Loaded) result).snapshot();
  }

  /** {@link #FILES} policy files, file {@code changed} with {@code suffix} on its rule. */
  private static List<ConfigFile> files(int changed, String suffix) {
    List<ConfigFile> files = new ArrayList<>();
    for (int f = 0; f < FILES; f++) {
      String blob = f == changed ? "b" + f + "-changed" : "b" + f;
      String rule = rule(f, f == changed ? suffix : "");
      files.add(file("policies/p" + f + ".yaml", blob, policy("policy-" + f, rule)));
    }
    return files;
  }

  private static String rule(int f, String suffix) {
    return "size(change.approvals) >= " + f + suffix;
  }

  private static String policy(String name, String rule) {
    return """
        apiVersion: ci-orchestrator/v1
        kind: Policy
        name: %s
        type: gate
        rule: "%s"
        """
        .formatted(name, rule);
  }

  private static ConfigFile file(String path, String blob, String text) {
    return new ConfigFile(path, blob, text.getBytes(StandardCharsets.UTF_8));
  }
}
