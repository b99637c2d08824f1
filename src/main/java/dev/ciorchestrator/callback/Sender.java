package dev.ciorchestrator.callback;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** Posts one signed body; the port between delivery and the HTTP client. */
@FunctionalInterface
public interface Sender {
  /**
   * @return the HTTP status of the answer
   * @throws IOException when there is no answer: refused connection, timeout, reset
   */
  int post(URI url, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException;
}
