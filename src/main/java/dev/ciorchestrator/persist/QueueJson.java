package dev.ciorchestrator.persist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON shape of a queue's state, so the file and the database hold the same text. */
final class QueueJson {
  private QueueJson() {}

  /** A new mapper (times as ISO-8601 text); mappers are thread-safe once configured. */
  static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }
}
