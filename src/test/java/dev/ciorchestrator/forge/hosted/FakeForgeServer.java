package dev.ciorchestrator.forge.hosted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What a fake forge API needs whatever the forge: a local HTTP server, a fake clock that moves one
 * second per change, call accounting (every request, in order), injectable faults (a status, a slow
 * answer, a body that is not JSON, a rate limit answered with the forge's own headers), pages with
 * {@code Link} and {@code X-Next-Page}, and a token check. Subclasses route requests to the forge's
 * documented shapes.
 */
public abstract class FakeForgeServer implements AutoCloseable {
  protected static final ObjectMapper JSON = new ObjectMapper();

  /** An answer to one request. */
  protected record Answer(int status, JsonNode body, Map<String, String> headers) {
    public static Answer of(int status, JsonNode body) {
      return new Answer(status, body, new LinkedHashMap<>());
    }
  }

  /** One request as received. */
  protected record Request(
      String method, String path, Map<String, String> query, JsonNode body, String line) {}

  private enum Kind {
    STATUS,
    SLOW,
    MALFORMED,
    RATE_LIMITED
  }

  private record Fault(String prefix, Kind kind, long value) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<String> log = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private Instant now = Instant.parse("2026-11-26T00:00:00Z");
  private long nextId = 1000;

  protected FakeForgeServer() throws IOException {
    // Without TCP_NODELAY the JDK server's header and body writes meet the client's delayed ACK
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /** The server's root; the API lives under {@link #apiPrefix()}. */
  public URI root() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public URI apiUrl() {
    return URI.create(root() + apiPrefix());
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  /** {@code /api/v4}, {@code /api/v1}. */
  protected abstract String apiPrefix();

  /** Whether the request's headers carry an accepted token. */
  protected abstract boolean authorized(Function<String, String> header);

  /** The forge's error body for {@code status}. */
  protected abstract Answer error(int status, String message);

  /** The forge's answer to a rate-limited request, told to retry after {@code seconds}. */
  protected abstract Answer rateLimited(long seconds);

  /** Routes a request with a parsed body; runs holding this object's lock. */
  protected abstract Answer route(Request r);

  // ---- faults ----

  /** The next {@code count} requests whose "METHOD /path" starts with {@code prefix} fail. */
  public synchronized void failNext(String prefix, int count, int status) {
    for (int i = 0; i < count; i++) {
      faults.add(new Fault(prefix, Kind.STATUS, status));
    }
  }

  /** The next matching request is answered only after {@code delay} (a client timeout). */
  public synchronized void slowNext(String prefix, Duration delay) {
    faults.add(new Fault(prefix, Kind.SLOW, delay.toMillis()));
  }

  /** The next matching request gets a 200 whose body is not JSON. */
  public synchronized void malformedNext(String prefix) {
    faults.add(new Fault(prefix, Kind.MALFORMED, 0));
  }

  /** The next matching request is rate limited for {@code seconds}. */
  public synchronized void rateLimitNext(String prefix, long seconds) {
    faults.add(new Fault(prefix, Kind.RATE_LIMITED, seconds));
  }

  // ---- accounting and time ----

  /** "METHOD /path?query" (below the API prefix) of every request, in order. */
  public synchronized List<String> log() {
    return List.copyOf(log);
  }

  public int requests() {
    return requests.get();
  }

  public synchronized void resetCounters() {
    requests.set(0);
    log.clear();
  }

  public synchronized Instant now() {
    return now;
  }

  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  /** A clock reading this fake's time, for the adapter under test. */
  public Clock clock() {
    FakeForgeServer fake = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return fake.now();
      }
    };
  }

  protected Instant tick() {
    now = now.plusSeconds(1);
    return now;
  }

  protected long nextId() {
    return nextId++;
  }

  // ---- serving ----

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      URI uri = x.getRequestURI();
      String path = uri.getRawPath();
      if (path.startsWith(apiPrefix())) {
        path = path.substring(apiPrefix().length());
      }
      String line =
          x.getRequestMethod()
              + " "
              + path
              + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      byte[] in;
      try (InputStream body = x.getRequestBody()) {
        in = body.readAllBytes();
      }
      requests.incrementAndGet();
      Fault fault;
      synchronized (this) {
        log.add(line);
        fault = takeFault(line);
      }
      if (fault != null && fault.kind() == Kind.SLOW) {
        sleep(fault.value());
      }
      Answer a;
      synchronized (this) {
        a = answer(fault, x, new Request(x.getRequestMethod(), path, query(uri), null, line), in);
      }
      write(x, a);
    } catch (RuntimeException e) {
      // a bug in the fake: answer 500 so the test sees it rather than hanging
      byte[] b = ("{\"message\":\"fake failed: " + e + "\"}").getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(500, b.length);
      x.getResponseBody().write(b);
    }
  }

  private Answer answer(Fault fault, HttpExchange x, Request r, byte[] in) {
    if (!authorized(name -> x.getRequestHeaders().getFirst(name))) {
      return error(401, "401 Unauthorized");
    }
    if (fault != null && fault.kind() == Kind.RATE_LIMITED) {
      return rateLimited(fault.value());
    }
    if (fault != null && fault.kind() == Kind.STATUS) {
      return error((int) fault.value(), "injected failure");
    }
    if (fault != null && fault.kind() == Kind.MALFORMED) {
      return new Answer(200, null, new LinkedHashMap<>(Map.of("x-malformed", "1")));
    }
    JsonNode body;
    try {
      body = in.length == 0 ? JSON.createObjectNode() : JSON.readTree(in);
    } catch (IOException e) {
      return error(400, "body is not JSON");
    }
    return route(new Request(r.method(), r.path(), r.query(), body, r.line()));
  }

  private Fault takeFault(String line) {
    for (var it = faults.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (line.startsWith(f.prefix())) {
        it.remove();
        return f;
      }
    }
    return null;
  }

  private static void write(HttpExchange x, Answer a) throws IOException {
    byte[] bytes =
        a.body() == null
            ? (a.headers().containsKey("x-malformed")
                ? "{\"iid\": 1, oops".getBytes(StandardCharsets.UTF_8)
                : new byte[0])
            : JSON.writeValueAsBytes(a.body());
    a.headers().remove("x-malformed");
    var h = x.getResponseHeaders();
    h.set("Content-Type", "application/json");
    a.headers().forEach(h::set);
    if (a.status() == 204 || bytes.length == 0) {
      x.sendResponseHeaders(a.status(), -1);
      return;
    }
    x.sendResponseHeaders(a.status(), bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String kv : uri.getRawQuery().split("&")) {
        int eq = kv.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
        q.put(k, v);
      }
    }
    return q;
  }

  /**
   * One page of {@code items} as {@code per_page}/{@code limit} and {@code page} ask, with {@code
   * Link} (next, last) and the {@code X-Page}/{@code X-Next-Page}/{@code X-Total} headers both
   * GitLab and Gitea send.
   *
   * @param perPage the query parameter naming the page size
   * @param defaultSize the size when not asked; {@code maxSize} caps what is asked
   */
  protected Answer page(
      Request r, List<? extends JsonNode> items, String perPage, int defaultSize, int maxSize) {
    int per =
        Math.min(maxSize, Integer.parseInt(r.query().getOrDefault(perPage, "" + defaultSize)));
    int page = Math.max(1, Integer.parseInt(r.query().getOrDefault("page", "1")));
    int from = Math.min(items.size(), (page - 1) * per);
    int to = Math.min(items.size(), from + per);
    ArrayNode a = JSON.createArrayNode();
    items.subList(from, to).forEach(a::add);
    Answer answer = Answer.of(200, a);
    int last = Math.max(1, (items.size() + per - 1) / per);
    answer.headers().put("X-Page", Integer.toString(page));
    answer.headers().put("X-Per-Page", Integer.toString(per));
    answer.headers().put("X-Total", Integer.toString(items.size()));
    answer.headers().put("X-Total-Count", Integer.toString(items.size()));
    answer.headers().put("X-Next-Page", page < last ? Integer.toString(page + 1) : "");
    if (page < last) {
      answer
          .headers()
          .put(
              "Link",
              "<" + link(r, page + 1) + ">; rel=\"next\", <" + link(r, last) + ">; rel=\"last\"");
    }
    return answer;
  }

  private String link(Request r, int page) {
    Map<String, String> q = new LinkedHashMap<>(r.query());
    q.put("page", Integer.toString(page));
    List<String> parts = new ArrayList<>();
    q.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return apiUrl() + r.path() + "?" + String.join("&", parts);
  }
}
