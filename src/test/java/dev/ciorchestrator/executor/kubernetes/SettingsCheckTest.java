package dev.ciorchestrator.executor.kubernetes;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Settings the API server would refuse in every Job are refused at startup, naming the key. */
class SettingsCheckTest {
  private static RenderOptions options(
      int ttl,
      long runAsUser,
      Optional<String> serviceAccount,
      Optional<String> envSecret,
      Map<String, String> nodeSelector) {
    return new RenderOptions(
        "alpine/git:2.47.2",
        "https://github.com/{repo}.git",
        Optional.empty(),
        envSecret,
        serviceAccount,
        ttl,
        runAsUser,
        true,
        nodeSelector,
        Optional.empty());
  }

  @Test
  void theDefaultsAndTypicalValuesPass() {
    assertThat(SettingsCheck.problems(RenderOptions.defaults(), Optional.empty())).isEmpty();
    RenderOptions typical =
        options(
            0,
            2147483647,
            Optional.of("ci-runner"),
            Optional.of("ci.env-secret"),
            Map.of("kubernetes.io/arch", "amd64", "pool", "", "example.com/tier", "ci_2.x"));
    assertThat(SettingsCheck.problems(typical, Optional.of("ci-jobs"))).isEmpty();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(
            options(-1, 1000, Optional.empty(), Optional.empty(), Map.of()),
            "ci.executor.kubernetes.ttl-seconds-after-finished must be 0 or more (seconds), got"
                + " -1"),
        Arguments.of(
            options(3600, 0, Optional.empty(), Optional.empty(), Map.of()),
            "ci.executor.kubernetes.run-as-user must be between 1 and 2147483647 (pods run as"
                + " non-root), got 0"),
        Arguments.of(
            options(3600, 2147483648L, Optional.empty(), Optional.empty(), Map.of()),
            "ci.executor.kubernetes.run-as-user must be between 1 and 2147483647 (pods run as"
                + " non-root), got 2147483648"),
        Arguments.of(
            options(3600, 1000, Optional.of("CI_Runner"), Optional.empty(), Map.of()),
            "ci.executor.kubernetes.service-account 'CI_Runner' is not a DNS-1123 subdomain"),
        Arguments.of(
            options(3600, 1000, Optional.empty(), Optional.of("env-"), Map.of()),
            "ci.executor.kubernetes.env-secret 'env-' is not a DNS-1123 subdomain"),
        Arguments.of(
            options(3600, 1000, Optional.empty(), Optional.empty(), Map.of("a/b/c", "x")),
            "ci.executor.kubernetes.node-selector 'a/b/c' is not a label key"),
        Arguments.of(
            options(3600, 1000, Optional.empty(), Optional.empty(), Map.of("Bad_Prefix/x", "y")),
            "ci.executor.kubernetes.node-selector 'Bad_Prefix/x' is not a label key"),
        Arguments.of(
            options(3600, 1000, Optional.empty(), Optional.empty(), Map.of("pool", "gpu nodes")),
            "ci.executor.kubernetes.node-selector 'pool': value 'gpu nodes' is not a label value"),
        Arguments.of(
            options(3600, 1000, Optional.empty(), Optional.empty(), Map.of("pool", "x".repeat(64))),
            "ci.executor.kubernetes.node-selector 'pool': value '" + "x".repeat(64) + "'"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void eachRefusalNamesItsKey(RenderOptions options, String expected) {
    List<String> problems = SettingsCheck.problems(options, Optional.empty());
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith(expected);
  }

  @Test
  void aNamespaceMustBeADnsLabel() {
    assertThat(SettingsCheck.problems(RenderOptions.defaults(), Optional.of("CI.jobs")))
        .containsExactly("ci.executor.kubernetes.namespace 'CI.jobs' is not a DNS-1123 label");
  }

  @Test
  void aCacheClaimMustBeADnsSubdomain() {
    assertThat(
            SettingsCheck.problems(
                RenderOptions.defaults().withCacheClaim("CI caches"), Optional.empty()))
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .startsWith("ci.executor.kubernetes.cache-claim 'CI caches' is not a DNS-1123 subdomain");
    assertThat(
            SettingsCheck.problems(
                RenderOptions.defaults().withCacheClaim("ci-caches"), Optional.empty()))
        .isEmpty();
  }

  @Test
  void everyProblemIsToldAtOnce() {
    RenderOptions bad = options(-5, -1, Optional.of("x_y"), Optional.of("A"), Map.of("k", "v v"));
    assertThat(SettingsCheck.problems(bad, Optional.empty())).hasSize(5);
  }
}
