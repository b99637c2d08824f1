package dev.ciorchestrator.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many clients at once, each sending one large body to a real server over its own socket, and
 * reading the answer: issue 11's memory-pressure case. Every body is sent whole, whatever the
 * server answers first, as a careless client would.
 */
public final class BodyFlood {
  private static final int PIECE = 64 * 1024;

  private BodyFlood() {}

  /**
   * {@code clients} concurrent {@code POST path} requests of {@code size} bytes of spaces, with
   * {@code headers}; the answers in the order of the clients (an {@link IOException}'s message in
   * place of an answer that never came).
   */
  public static List<Object> send(int port, int clients, int size, String path, String... headers)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Object>> sent = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        sent.add(pool.submit(() -> one(port, size, path, headers)));
      }
      List<Object> answers = new ArrayList<>();
      for (Future<Object> f : sent) {
        try {
          answers.add(f.get(2, TimeUnit.MINUTES));
        } catch (Exception e) {
          answers.add(e.toString());
        }
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Object one(int port, int size, String path, String... headers) {
    String[] all = new String[headers.length + 1];
    System.arraycopy(headers, 0, all, 0, headers.length);
    all[headers.length] = "Content-Length: " + size;
    try (RawHttp c = RawHttp.connect(port, 60_000)) {
      c.head("POST " + path + " HTTP/1.1", all);
      byte[] piece = new byte[PIECE];
      Arrays.fill(piece, (byte) ' ');
      try {
        for (int sent = 0; sent < size; sent += PIECE) {
          c.send(sent + PIECE <= size ? piece : Arrays.copyOf(piece, size - sent));
        }
      } catch (IOException closedEarly) {
        // the server may close once it answered; the answer is still to be read
      }
      return c.answer();
    } catch (IOException e) {
      return "no answer: " + e;
    }
  }
}
