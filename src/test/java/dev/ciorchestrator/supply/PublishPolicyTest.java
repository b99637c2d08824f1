package dev.ciorchestrator.supply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Decision;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishPolicyTest {
  @ParameterizedTest(name = "{0}, trusted={1}, on={2} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      push         | false | push        | true  | published on push
      push         | true  | change      | false | does not include push
      pull_request | true  | push        | false | does not include change
      pull_request | true  | push change | true  | published on change
      command      | true  | change      | true  | published on change
      pull_request | false | push change | false | author is not trusted
      command      | false | change      | false | author is not trusted
      schedule     | false | push        | false | does not include schedule
      schedule     | false | schedule    | true  | published on schedule
      """)
  void onlyTrustedRunsOfTheListedKindsPublish(
      String trigger, boolean trusted, String on, boolean pass, String why) {
    Decision d = PublishPolicy.decide(trigger, trusted, Set.of(on.split(" ")));
    assertThat(d.pass()).isEqualTo(pass);
    assertThat(d.policy()).isEqualTo("publish");
    assertThat(d.reason()).contains(why);
  }
}
