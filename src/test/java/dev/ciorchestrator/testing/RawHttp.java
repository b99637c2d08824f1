package dev.ciorchestrator.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what a polite client never does: send a head and stall, lie
 * about a length, or send a body the server has already refused. One request per connection.
 */
public final class RawHttp implements AutoCloseable {
  /** An answer as read off the socket; header names in lower case. */
  public record Answer(int status, Map<String, String> headers, String body) {}

  private final Socket socket;

  private RawHttp(Socket socket) {
    this.socket = socket;
  }

  /** Connects to 127.0.0.1:{@code port}; reads wait at most {@code readTimeoutMillis}. */
  public static RawHttp connect(int port, int readTimeoutMillis) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(readTimeoutMillis);
    return new RawHttp(socket);
  }

  /** Sends a request head: the request line and headers (each "Name: value"), then a blank line. */
  public RawHttp head(String requestLine, String... headers) throws IOException {
    StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
    for (String h : headers) {
      head.append(h).append("\r\n");
    }
    return send(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  public RawHttp send(byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Reads one answer (its body by {@code Content-Length}); throws if none comes in time. */
  public Answer answer() throws IOException {
    InputStream in = socket.getInputStream();
    String statusLine = line(in);
    if (statusLine.isEmpty()) {
      throw new IOException("the connection closed without an answer");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      headers.put(
          h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Answer(
        Integer.parseInt(statusLine.split(" ")[1]),
        headers,
        new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the server closed the connection: a read ends (rather than waiting) with no data. */
  public boolean closedByServer() throws IOException {
    try {
      return socket.getInputStream().read() == -1;
    } catch (java.net.SocketException reset) {
      return true; // a reset is a close too
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
