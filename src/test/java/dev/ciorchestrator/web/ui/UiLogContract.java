package dev.ciorchestrator.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.run.RunLogs;
import dev.ciorchestrator.run.RunStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * What a run page does with a log, on whichever store the service runs with: every log is written
 * through the {@link RunLogs} port only, so the page, "load earlier", the download and the live
 * follow can only have read it through the port too. The runs are of a repository the config does
 * not know, so the loop leaves them alone.
 */
abstract class UiLogContract {
  static final AtomicInteger CHANGES = new AtomicInteger(1000);
  static final String SHA = "a".repeat(40);
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Inject RunStore store;
  @Inject RunLogs logs;

  @TestHTTPResource("/")
  URL base;

  RunRecord run(RunState state) throws Exception {
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
    return run;
  }

  @Test
  void aLogOfManyWindowsShowsItsLastLoadsEarlierAndDownloadsWhole() throws Exception {
    RunRecord run = run(RunState.SUCCESS);
    StringBuilder text = new StringBuilder();
    for (int i = 1; text.length() < 600 * 1024; i++) {
      text.append(String.format("\u001b[32mline %07d\u001b[0m of the log%n", i));
    }
    byte[] all = text.toString().getBytes(StandardCharsets.UTF_8);
    for (int from = 0; from < all.length; from += 100_000) { // appended as a job writes
      logs.append(
          run.id(), java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + 100_000)));
    }

    Document doc = UiClient.page("/runs/" + run.id(), Map.of());
    assertThat(doc.select(".log-tools").text())
        .contains("Showing 128.0 KiB of " + LogLines.bytes(all.length));
    var lines = doc.select("#log .l");
    assertThat(lines.last().text()).endsWith("of the log");
    assertThat(lines.last().select(".a-f2").text()).startsWith("line ");
    long start = Long.parseLong(lines.first().id().substring(1));
    assertThat(start).isGreaterThan(all.length - 129 * 1024);
    assertThat(text.substring(0, (int) start)).endsWith("\n"); // a line start, by byte offset
    assertThat(doc.selectFirst("#earlier").attr("href"))
        .isEqualTo("/runs/" + run.id() + "?before=" + start);

    Document earlier = UiClient.page("/runs/" + run.id() + "?before=" + start, Map.of());
    long earlierStart = Long.parseLong(earlier.select("#log .l").first().id().substring(1));
    assertThat(earlierStart).isLessThan(start);
    JsonPath json = given().get("/runs/" + run.id() + "/lines?before=" + start).jsonPath();
    assertThat(json.getLong("end")).isEqualTo(start);
    assertThat(json.getLong("start")).isEqualTo(earlierStart);
    assertThat(json.getList("lines")).isNotEmpty();

    HttpResponse<InputStream> download =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "runs/" + run.id() + "/log")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment", run.id() + ".log");
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (InputStream in = download.body()) {
      in.transferTo(got);
    }
    assertThat(got.toByteArray()).isEqualTo(all);
  }

  @Test
  void aSmallLogShowsWholeWithLineNumbersAndAGrowingOneUpToItsLastLineBreak() throws Exception {
    RunRecord done = run(RunState.FAILURE);
    logs.append(done.id(), "one\ntwo\nthree");
    Document page = UiClient.page("/runs/" + done.id(), Map.of());
    assertThat(page.select("#log .l").eachAttr("id")).containsExactly("L1", "L2", "L3");
    assertThat(page.select("#log .l .n").eachAttr("href")).containsExactly("#L1", "#L2", "#L3");
    assertThat(page.select("#earlier")).isEmpty();
    assertThat(page.selectFirst("#log").hasAttr("data-live")).isFalse();

    RunRecord running = run(RunState.RUNNING);
    logs.append(running.id(), "a\nb\nunfinished");
    Document live = UiClient.page("/runs/" + running.id(), Map.of());
    assertThat(live.select("#log .l .t").eachText()).containsExactly("a", "b");
    assertThat(live.selectFirst("#log").attr("data-end")).isEqualTo("4");
    assertThat(live.selectFirst("#log").attr("data-live")).isEqualTo("true");

    RunRecord silent = run(RunState.PENDING);
    Response empty = given().get("/runs/" + silent.id() + "/log");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.asByteArray()).isEmpty();
  }

  @Test
  void aRunningLogFollowsLiveUntilTheRunEnds() throws Exception {
    RunRecord run = run(RunState.RUNNING);
    logs.append(run.id(), "\u001b[33mfirst\n");
    BlockingQueue<String> events = follow(run.id(), 0, null);

    String firstLines = next(events, "event:lines");
    assertThat(firstLines).contains("\"a-f3\",\"first\"");
    assertThat(next(events, "event:state")).contains("\"state\":\"running\"");

    logs.append(run.id(), "second\n");
    // the colour set on the first line lasts into the second, as in a terminal
    assertThat(next(events, "event:lines")).contains("\"a-f3\",\"second\"");

    logs.append(run.id(), "last, without a line break");
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
