package dev.ciorchestrator.config.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.config.model.Policy;
import dev.ciorchestrator.config.model.Policy.Expectation;
import dev.ciorchestrator.config.model.Policy.PolicyTest;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policies we ship are templates people copy; each must show, in its tests, when it passes,
 * when it blocks and when it does not apply.
 */
class ShippedPoliciesTest {
  private static final Set<Expectation> ALL = EnumSet.allOf(Expectation.class);

  @ParameterizedTest
  @ValueSource(strings = {"examples/ci-repo", "policies"})
  void everyPolicyHasPassFailAndSkipCases(String folder) throws IOException {
    DirectoryConfigSource source = new DirectoryConfigSource(Path.of(folder));
    LoadResult result = new ConfigLoader(new CelPolicyEngine()).load("shipped", source.read(null));

    assertThat(result).isInstanceOf(LoadResult.Loaded.class);
    Map<String, Set<Expectation>> covered = new TreeMap<>();
    for (Policy p : ((LoadResult.Loaded) result).snapshot().policies()) {
      covered.put(p.name(), p.tests().stream().map(PolicyTest::expect).collect(Collectors.toSet()));
    }
    assertThat(covered)
        .isNotEmpty()
        .allSatisfy((name, expects) -> assertThat(expects).as(name).containsAll(ALL));
  }
}
