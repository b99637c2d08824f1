package dev.ciorchestrator.config.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
  @ParameterizedTest
  @CsvSource({
    "go-test, true",
    "a, true",
    "0day, true",
    "a-, true",
    "Go-test, false",
    "-lint, false",
    "go_test, false",
    "go.test, false",
    "'', false",
    "a23456789012345678901234567890123456789012345678901234567890123, true",
    "a234567890123456789012345678901234567890123456789012345678901234, false",
  })
  void jobAndPolicyNames(String name, boolean valid) {
    assertThat(Names.jobOrPolicyProblem(name).isEmpty()).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "demo/hello-go, true",
    "Org_1/repo.name, true",
    "group/subgroup/project, true",
    "hello-go, false",
    "demo/, false",
    "/demo, false",
    "demo//x, false",
    "demo/hello go, false",
    "../../etc/passwd, false",
    "demo/.., false",
    "./demo, false",
    "demo/./x, false",
    "/etc/passwd, false",
    "demo/-x, false",
    "-demo/x, false",
    "demo/.github, true",
    "demo/..x, true",
    "demo/x.., true",
    "demo/a-b_c.d, true",
    "'demo/x\\y', false",
  })
  void repositoryNames(String name, boolean valid) {
    assertThat(Names.repositoryProblem(name).isEmpty()).isEqualTo(valid);
  }

  @Test
  void aRepositoryNameHasALengthLimitAndIsNotEchoedPastIt() {
    String owner = "o".repeat(200);
    assertThat(Names.repositoryProblem(owner + "/" + "r".repeat(54))).isEmpty();
    assertThat(Names.repositoryProblem(owner + "/" + "r".repeat(55)))
        .hasValue("invalid repository name: 256 characters, at most 255 allowed");
  }

  @ParameterizedTest
  @CsvSource({
    "GOFLAGS, true",
    "_x1, true",
    "go_flags, true",
    "1BAD, false",
    "WITH-DASH, false",
    "'A B', false",
    "'', false",
  })
  void envVarNames(String name, boolean valid) {
    assertThat(Names.envVarProblem(name).isEmpty()).isEqualTo(valid);
  }
}
