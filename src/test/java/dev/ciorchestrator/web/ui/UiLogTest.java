package dev.ciorchestrator.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.Executor;
import dev.ciorchestrator.run.RunStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * A run page's log on the service: a 100 MB log costs one window per request, the download streams
 * it all, and a running job's log follows live over server-sent events until the run ends. The runs
 * are of a repository the config does not know, so the loop leaves them alone.
 */
@QuarkusTest
@TestProfile(UiWorld.class)
class UiLogTest {
  static final AtomicInteger CHANGES = new AtomicInteger(1000);
  static final String SHA = "a".repeat(40);
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Inject RunStore store;
  @Inject Executor executor;

  @TestHTTPResource("/")
  URL base;

  private RunRecord run(RunState state) throws Exception {
    RunKey key = RunKey.forChange("other/logs", CHANGES.incrementAndGet(), SHA, "big", 1);
    RunRecord run = TestRuns.pending(key, Instant.now());
    assertThat(store.create(run)).isTrue();
    if (state != RunState.PENDING) {
      run = run.withState(RunState.RUNNING, Instant.now(), "");
      store.update(run);
    }
    if (state.terminal()) {
      run = run.withState(state, Instant.now(), "");
      store.update(run);
    }
    Files.createDirectories(executor.logFile(run.id()).getParent());
    return run;
  }

  private Path log(RunRecord run) {
    return executor.logFile(run.id());
  }

  @Test
  void a100MegabyteLogShowsItsLastWindowLoadsEarlierWindowsAndDownloadsWhole() throws Exception {
    RunRecord run = run(RunState.SUCCESS);
    long size = 100L * 1024 * 1024;
    StringBuilder tail = new StringBuilder();
    for (int i = 1; tail.length() < 1024 * 1024; i++) {
      tail.append(String.format("\u001b[32mline %07d\u001b[0m of the end%n", i));
    }
    byte[] tailBytes = tail.toString().getBytes(StandardCharsets.UTF_8);
    try (RandomAccessFile file = new RandomAccessFile(log(run).toFile(), "rw")) {
      file.setLength(size - tailBytes.length); // sparse: no disk for the first 99 MB
      file.seek(size - tailBytes.length);
      file.write(tailBytes);
    }

    Response page = given().get("/runs/" + run.id());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.asByteArray().length).isLessThan(1024 * 1024);
    Document doc = UiClient.parse(page);
    assertThat(doc.select(".log-tools").text()).contains("Showing 128.0 KiB of 100.0 MiB");
    var lines = doc.select("#log .l");
    assertThat(lines.last().text()).endsWith("of the end");
    assertThat(lines.last().select(".a-f2").text()).startsWith("line ");
    assertThat(lines.first().id()).startsWith("B"); // not from the start: addressed by offset
    long start = Long.parseLong(lines.first().id().substring(1));
    assertThat(start).isGreaterThan(size - 129 * 1024);
    assertThat(doc.selectFirst("#earlier").attr("href"))
        .isEqualTo("/runs/" + run.id() + "?before=" + start);

    Document earlier = UiClient.page("/runs/" + run.id() + "?before=" + start, java.util.Map.of());
    assertThat(earlier.select("#log .l").last().text()).endsWith("of the end");
    assertThat(Long.parseLong(earlier.select("#log .l").first().id().substring(1)))
        .isLessThan(start);
    JsonPath json = given().get("/runs/" + run.id() + "/lines?before=" + start).jsonPath();
    assertThat(json.getLong("end")).isEqualTo(start);
    assertThat(start - json.getLong("start")).isLessThanOrEqualTo(128 * 1024);
    assertThat(json.getList("lines")).isNotEmpty();

    HttpResponse<InputStream> download =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "runs/" + run.id() + "/log")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment", run.id() + ".log");
    long read = 0;
    try (InputStream in = download.body()) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        read += n;
      }
    }
    assertThat(read).isEqualTo(size);
  }

  @Test
  void aSmallLogShowsWholeWithLineNumbersAndAGrowingOneUpToItsLastLineBreak() throws Exception {
    RunRecord done = run(RunState.FAILURE);
    Files.writeString(log(done), "one\ntwo\nthree");
    Document page = UiClient.page("/runs/" + done.id(), java.util.Map.of());
    assertThat(page.select("#log .l").eachAttr("id")).containsExactly("L1", "L2", "L3");
    assertThat(page.select("#log .l .n").eachAttr("href")).containsExactly("#L1", "#L2", "#L3");
    assertThat(page.select("#earlier")).isEmpty();
    assertThat(page.selectFirst("#log").hasAttr("data-live")).isFalse();

    RunRecord running = run(RunState.RUNNING);
    Files.writeString(log(running), "a\nb\nunfinished");
    Document live = UiClient.page("/runs/" + running.id(), java.util.Map.of());
    assertThat(live.select("#log .l .t").eachText()).containsExactly("a", "b");
    assertThat(live.selectFirst("#log").attr("data-end")).isEqualTo("4");
    assertThat(live.selectFirst("#log").attr("data-live")).isEqualTo("true");
  }

  @Test
  void aRunningLogFollowsLiveUntilTheRunEnds() throws Exception {
    RunRecord run = run(RunState.RUNNING);
    Files.writeString(log(run), "\u001b[33mfirst\n");
    BlockingQueue<String> events = follow(run.id(), 0, null);

    String firstLines = next(events, "event:lines");
    assertThat(firstLines).contains("\"a-f3\",\"first\"");
    assertThat(next(events, "event:state")).contains("\"state\":\"running\"");

    Files.writeString(log(run), "second\n", StandardOpenOption.APPEND);
    // the colour set on the first line lasts into the second, as in a terminal
    assertThat(next(events, "event:lines")).contains("\"a-f3\",\"second\"");

    Files.writeString(log(run), "last, without a line break", StandardOpenOption.APPEND);
    store.update(run.withState(RunState.SUCCESS, Instant.now(), ""));
    assertThat(next(events, "event:lines")).contains("last, without a line break");
    assertThat(next(events, "event:state")).contains("\"state\":\"success\"");
    assertThat(next(events, "event:end")).isNotEmpty();
    assertThat(next(events, "closed")).isEqualTo("closed");

    // a browser reconnecting with Last-Event-ID resumes where it was
    BlockingQueue<String> resumed = follow(run.id(), 0, "6");
    assertThat(next(resumed, "event:lines")).contains("\"start\":6").doesNotContain("first");
  }

  /** Every event of the stream, as {@code event:<name> <data>}, then {@code closed}. */
  private BlockingQueue<String> follow(String id, long offset, String lastEventId) {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "runs/" + id + "/events?offset=" + offset));
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
        .thenAccept(
            r -> {
              try (Stream<String> lines = r.body()) {
                String[] name = {""};
                lines.forEach(
                    line -> {
                      if (line.startsWith("event:")) {
                        name[0] = line;
                      } else if (line.startsWith("data:") && !name[0].isEmpty()) {
                        events.add(name[0] + " " + line.substring(5));
                        name[0] = "";
                      }
                    });
              }
              events.add("closed");
            });
    return events;
  }

  /** The next event starting with {@code prefix}, skipping others; 30 s guard a hang. */
  private static String next(BlockingQueue<String> events, String prefix) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      String e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no " + prefix + " within 30 s");
      }
      if (e.startsWith(prefix)) {
        return e;
      }
    }
  }
}
