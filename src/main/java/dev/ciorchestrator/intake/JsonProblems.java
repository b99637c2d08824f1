package dev.ciorchestrator.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Jackson's exceptions turned into a {@link JsonProblem} that names the JSON path, not a Java type.
 */
final class JsonProblems {
  private static final Set<Class<?>> WHOLE =
      Set.of(
          Long.class,
          long.class,
          Integer.class,
          int.class,
          Short.class,
          short.class,
          BigInteger.class);

  private JsonProblems() {}

  static JsonProblem of(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String at = path(u.getPath());
      return new JsonProblem("unknown field '" + at + "'", at);
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      String at = path(m.getPath());
      if (at.isEmpty()) {
        return new JsonProblem("body must be a JSON object", "");
      }
      return new JsonProblem(
          at + " has the wrong type: expected " + expected(m.getTargetType()) + ", got " + found(m),
          at);
    }
    if (e instanceof JsonMappingException m && m.getCause() instanceof InputCoercionException c) {
      String at = path(m.getPath());
      return new JsonProblem(at + " is out of range: " + c.getOriginalMessage(), at);
    }
    // a syntax error: the line and column say where, better than the field it happened in
    String at = e instanceof JsonMappingException m ? path(m.getPath()) : "";
    return new JsonProblem("body is not JSON: " + e.getOriginalMessage() + where(e), at);
  }

  /** {@code pull_request.head.sha}, {@code commits[2].id}; {@code ""} at the top. */
  static String path(JsonStreamContext context) {
    Deque<String> steps = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        steps.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        steps.push("." + c.getCurrentName());
      }
    }
    return String.join("", steps).replaceFirst("^\\.", "");
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder at = new StringBuilder();
    for (JsonMappingException.Reference r : references) {
      if (r.getFieldName() != null) {
        at.append(at.length() == 0 ? "" : ".").append(r.getFieldName());
      } else {
        at.append('[').append(r.getIndex()).append(']');
      }
    }
    return at.toString();
  }

  private static String expected(Class<?> target) {
    if (WHOLE.contains(target)) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(target) || target == double.class || target == float.class) {
      return "a number";
    }
    if (target == String.class) {
      return "a string";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "a list";
    }
    return "an object";
  }

  private static String found(MismatchedInputException e) {
    if (!(e.getProcessor() instanceof JsonParser p) || p.currentToken() == null) {
      return "something else";
    }
    JsonToken token = p.currentToken();
    try {
      return switch (token) {
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
        case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> p.getText();
        case START_ARRAY -> "a list";
        case START_OBJECT -> "an object";
        default -> "something else";
      };
    } catch (IOException unreadable) {
      return "something else";
    }
  }

  private static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1
        ? ""
        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
