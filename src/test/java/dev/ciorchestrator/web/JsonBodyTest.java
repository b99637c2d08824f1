package dev.ciorchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.intake.StrictJson;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API's request bodies are read as strictly as webhooks: each refusal names its field. */
class JsonBodyTest {
  static final ObjectMapper JSON = StrictJson.configure(new ObjectMapper());
  static final Set<String> FIELDS = Set.of("author", "body", "draft");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "duplicate | {\"author\":\"a\",\"author\":\"b\"} | author | duplicate key 'author' at author",
        "surrogate | {\"body\":\"\\udc00\"} | body"
            + " | value at body holds an unpaired surrogate (\\udc00): not Unicode text",
        "second value | {\"author\":\"a\"} [] | '' | body holds more than one JSON value",
        "not an object | [] | '' | body must be a JSON object",
        "unknown field | {\"autor\":\"a\"} | autor | unknown field 'autor'",
        "coerced boolean | {\"author\":\"a\",\"draft\":\"true\"} | draft | draft must be true or false",
        "number for a string | {\"author\":5} | author | author must be a string",
      })
  void refused(String what, String json, String field, String error) {
    assertThatThrownBy(
            () -> {
              JsonBody b = JsonBody.parse(JSON, json, FIELDS);
              b.text("author");
              b.bool("draft", false);
            })
        .as(what)
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.body().field()).isEqualTo(field))
        .hasMessageStartingWith(error);
  }
}
