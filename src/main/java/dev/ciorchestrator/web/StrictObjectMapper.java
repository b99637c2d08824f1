package dev.ciorchestrator.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.intake.StrictJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The service's own {@link ObjectMapper} reads request bodies as strictly as webhooks are read
 * ({@link StrictJson}): no coercion, no duplicate keys, nothing after the value. Unknown fields are
 * refused by {@code quarkus.jackson.fail-on-unknown-properties=true}.
 */
@Singleton
public class StrictObjectMapper implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    StrictJson.configure(mapper);
  }
}
