package dev.ciorchestrator.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bodies a lenient JSON reader takes, which the intake refuses, naming where. */
class StrictJsonTest {
  record Body(String name, Long count, Boolean draft, List<Inner> items, Inner inner) {}

  record Inner(String id) {}

  static final ObjectMapper MAPPER =
      StrictJson.configure(new ObjectMapper())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  @Test
  void aWellFormedObjectIsRead() throws Exception {
    Body b =
        read(
            "{\"name\":\"\\ud83d\\ude00 ok\",\"count\":2,\"draft\":false,"
                + "\"items\":[{\"id\":\"a\"}],\"other\":[1,{\"x\":null}]}");
    assertThat(b.name()).isEqualTo("\uD83D\uDE00 ok");
    assertThat(b.count()).isEqualTo(2L);
    assertThat(b.items()).containsExactly(new Inner("a"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "trailing garbage | {\"name\":\"a\"} x | '' | body is not JSON: Unrecognized token 'x'",
        "two objects | {\"name\":\"a\"}{\"name\":\"b\"} | ''"
            + " | body holds more than one JSON value: something follows the object at line 1",
        "an array | [1] | '' | body must be a JSON object",
        "a string | \"x\" | '' | body must be a JSON object",
        "null | null | '' | body must be a JSON object",
        "nothing | '' | '' | body must be a JSON object",
        "duplicate key | {\"name\":\"a\",\"name\":\"b\"} | name | duplicate key 'name' at name",
        "duplicate nested key | {\"items\":[{\"id\":\"a\"},{\"id\":\"b\",\"id\":\"c\"}]} | items[1].id"
            + " | duplicate key 'id' at items[1].id",
        "duplicate in an ignored field | {\"other\":{\"x\":1,\"x\":1}} | other.x"
            + " | duplicate key 'x' at other.x",
        "lone high surrogate | {\"name\":\"a\\ud800b\"} | name"
            + " | value at name holds an unpaired surrogate (\\ud800): not Unicode text",
        "lone low surrogate | {\"inner\":{\"id\":\"\\udc00\"}} | inner.id"
            + " | value at inner.id holds an unpaired surrogate (\\udc00): not Unicode text",
        "surrogate in a key | {\"\\ud800\":1} | '' | body is not JSON: Broken surrogate pair",
        "string for a number | {\"count\":\"2\"} | count"
            + " | count has the wrong type: expected a whole number, got a string",
        "fraction for a whole number | {\"count\":2.5} | count"
            + " | count has the wrong type: expected a whole number, got the number 2.5",
        "string for a boolean | {\"draft\":\"true\"} | draft"
            + " | draft has the wrong type: expected true or false, got a string",
        "number for a boolean | {\"draft\":1} | draft"
            + " | draft has the wrong type: expected true or false, got the number 1",
        "boolean for a string | {\"name\":true} | name"
            + " | name has the wrong type: expected a string, got true",
        "number for a string | {\"items\":[{\"id\":5}]} | items[0].id"
            + " | items[0].id has the wrong type: expected a string, got the number 5",
        "object for a list | {\"items\":{}} | items"
            + " | items has the wrong type: expected a list, got an object",
        "too large a number | {\"count\":123456789012345678901234567890} | count"
            + " | count is out of range: ",
      })
  void refused(String what, String json, String field, String message) {
    assertThatThrownBy(() -> read(json))
        .as(what)
        .isInstanceOfSatisfying(JsonProblem.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "byte order mark | efbbbf7b7d | body starts with a byte order mark",
        "overlong slash | 7b225c22c0af227d | body is not UTF-8: byte 0xc0 at offset 4",
        "encoded surrogate | 7b226e616d65223a22eda080227d | body is not UTF-8: byte 0xed at offset 9",
        "latin-1 | 7b226e616d65223a22e9227d | body is not UTF-8: byte 0xe9 at offset 9",
        "cut off | 7b226e616d65223a22c3 | body is not UTF-8: byte 0xc3 at offset 9",
        "utf-16 with its mark | feff007b007d | body holds a zero byte at offset 2",
      })
  void notUtf8(String what, String hex, String message) {
    assertThatThrownBy(() -> read(HexFormat.of().parseHex(hex)))
        .as(what)
        .isInstanceOfSatisfying(JsonProblem.class, e -> assertThat(e.field()).isEmpty())
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest
  @CsvSource({"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
  void otherUnicodeEncodingsAreRefused(String charset) {
    byte[] body = "{\"name\":\"a\"}".getBytes(Charset.forName(charset));
    assertThatThrownBy(() -> read(body))
        .isInstanceOf(JsonProblem.class)
        .hasMessageContaining("JSON must be UTF-8, not UTF-16 or UTF-32");
  }

  @Test
  void aTreeIsReadAsStrictly() throws Exception {
    assertThat(StrictJson.tree("{\"a\":[1,{\"b\":\"c\"}]}", MAPPER).at("/a/1/b").asText())
        .isEqualTo("c");
    assertThatThrownBy(() -> StrictJson.tree("{\"a\":1,\"a\":1}", MAPPER))
        .isInstanceOfSatisfying(JsonProblem.class, e -> assertThat(e.field()).isEqualTo("a"));
    assertThatThrownBy(() -> StrictJson.tree("{\"a\":\"\\udfff\"}", MAPPER))
        .hasMessageContaining("unpaired surrogate");
    assertThatThrownBy(() -> StrictJson.tree("{} {}", MAPPER))
        .hasMessageStartingWith("body holds more than one JSON value");
  }

  @Test
  void aConfiguredMapperRefusesCoercionOnItsOwn() {
    ObjectMapper plain = StrictJson.configure(new ObjectMapper());
    assertThatThrownBy(() -> plain.readValue("{\"id\":1}", Inner.class))
        .hasMessageContaining("Cannot coerce");
    assertThatThrownBy(() -> plain.readTree("{\"id\":1,\"id\":2}"))
        .hasMessageContaining("Duplicate field 'id'");
    assertThatThrownBy(() -> plain.readTree("{\"id\":1} 2")).hasMessageContaining("Trailing token");
  }

  private static Body read(String json) throws JsonProblem {
    return read(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Body read(byte[] json) throws JsonProblem {
    return StrictJson.read(json, MAPPER, Body.class);
  }
}
