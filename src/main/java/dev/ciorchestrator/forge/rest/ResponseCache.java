package dev.ciorchestrator.forge.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last answer of every GET that carried an {@code ETag}, by URL, least recently used first out.
 * A 304 to the next conditional GET brings back the very same {@link JsonNode}, which is how a
 * listing tells "nothing new" without comparing text.
 */
final class ResponseCache {
  /** A cached answer: its tag, body, and the URL of the page after it (null when last). */
  record Entry(String etag, JsonNode body, String next) {}

  private final Map<String, Entry> entries;

  ResponseCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(1024, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized Entry get(String url) {
    return entries.get(url);
  }

  synchronized void put(String url, Entry entry) {
    entries.put(url, entry);
  }
}
