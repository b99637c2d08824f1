package dev.ciorchestrator.bench;

import dev.ciorchestrator.forge.github.webhook.Payloads;
import dev.ciorchestrator.testing.BodyFlood;
import dev.ciorchestrator.testing.HookedService;
import dev.ciorchestrator.testing.RawHttp;
import dev.ciorchestrator.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The HTTP intake on the packaged service in a small heap ({@code -Xmx192m -XX:+UseSerialGC}):
 * signed deliveries per second, the service's resident memory while 48 clients send 5 MiB bodies,
 * and its threads and answer time while 200 clients stall. Needs {@code target/quarkus-app}: {@code
 * ./mvnw -B -q -DskipTests package && .ci/bench IntakeBench}.
 */
public final class IntakeBench {
  private static final int FIVE_MIB = 5 * 1024 * 1024;

  private IntakeBench() {}

  public static void main(String[] args) throws Exception {
    List<String> jvm =
        args.length == 0
            ? List.of("-Xmx192m", "-XX:+UseSerialGC")
            : Arrays.stream(args).filter(a -> !a.isBlank()).toList();
    System.out.println("### service JVM options: " + jvm);
    Path dir = Files.createTempDirectory("intake-bench");
    ServiceProcess s = HookedService.start(dir, jvm);
    try {
      System.out.printf(
          "| idle service | RSS %d MiB | %s threads |%n", rss(s, "VmRSS"), proc(s, "Threads"));
      deliveries(s, 1, 2_000);
      deliveries(s, 8, 4_000);
      bodies(s, "unsigned", "X-GitHub-Event: push");
      bodies(
          s,
          "forged signature",
          "X-GitHub-Event: push",
          "X-Hub-Signature-256: sha256=" + "ab".repeat(32));
      stalled(s, 200);
      System.out.printf(
          "| after all | RSS %d MiB, peak %d MiB | %s threads |%n",
          rss(s, "VmRSS"), rss(s, "VmHWM"), proc(s, "Threads"));
    } finally {
      s.close(); // not try-with-resources: its close() may throw InterruptedException
    }
  }

  /** Signed {@code pull_request} deliveries (a repository not in the config: parsed, ignored). */
  private static void deliveries(ServiceProcess s, int clients, int count) throws Exception {
    byte[] body = Payloads.bytes("pull_request.opened");
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    double[] ms = new double[count];
    long start = System.nanoTime();
    List<Future<Integer>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i;
      sent.add(
          pool.submit(
              () -> {
                long t = System.nanoTime();
                int status = HookedService.deliver(s, "pull_request", body).statusCode();
                ms[n] = (System.nanoTime() - t) / 1e6;
                return status;
              }));
    }
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (Future<Integer> f : sent) {
      statuses.merge(f.get(), 1, Integer::sum);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Arrays.sort(ms);
    System.out.printf(
        "| %d signed deliveries (%d B), %d client(s) | %.0f /s | median %.1f ms, p99 %.1f ms | %s |%n",
        count,
        body.length,
        clients,
        count / seconds,
        ms[count / 2],
        ms[count * 99 / 100],
        statuses);
  }

  private static void bodies(ServiceProcess s, String what, String... headers) throws Exception {
    for (int round = 1; round <= 3; round++) {
      long start = System.nanoTime();
      Map<Object, Integer> statuses = new TreeMap<>();
      for (Object a : BodyFlood.send(s.port(), 48, FIVE_MIB, "/hooks/github", headers)) {
        statuses.merge(a instanceof RawHttp.Answer r ? r.status() : a.toString(), 1, Integer::sum);
      }
      System.out.printf(
          "| 48 × 5 MiB, %s, round %d | %.1f s | RSS %d MiB, peak %d MiB | %s |%n",
          what,
          round,
          (System.nanoTime() - start) / 1e9,
          rss(s, "VmRSS"),
          rss(s, "VmHWM"),
          statuses);
    }
  }

  private static void stalled(ServiceProcess s, int count) throws Exception {
    List<RawHttp> clients = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        clients.add(
            RawHttp.connect(s.port(), 30_000)
                .head(
                    "POST /hooks/github HTTP/1.1",
                    "X-GitHub-Event: push",
                    "X-Hub-Signature-256: sha256=" + "ab".repeat(32),
                    "Content-Length: 100000"));
      }
      long t = System.nanoTime();
      int ready = s.status("/q/health/live");
      double liveMs = (System.nanoTime() - t) / 1e6;
      t = System.nanoTime();
      int ping = HookedService.deliver(s, "ping", Payloads.bytes("ping")).statusCode();
      double pingMs = (System.nanoTime() - t) / 1e6;
      System.out.printf(
          "| %d stalled heads | %s threads | liveness %d in %.1f ms, signed ping %d in %.1f ms |%n",
          count, proc(s, "Threads"), ready, liveMs, ping, pingMs);
    } finally {
      for (RawHttp c : clients) {
        c.close();
      }
    }
  }

  private static long rss(ServiceProcess s, String field) throws Exception {
    return Long.parseLong(proc(s, field).replace("kB", "").strip()) / 1024;
  }

  private static String proc(ServiceProcess s, String field) throws Exception {
    return Files.readAllLines(Path.of("/proc", Long.toString(s.pid()), "status")).stream()
        .filter(l -> l.startsWith(field + ":"))
        .map(l -> l.substring(field.length() + 1).strip())
        .findFirst()
        .orElse("?");
  }
}
