package dev.ciorchestrator.web.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.executor.Executor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * A run page's log on the service with the file store ({@link UiLogContract}), and what only files
 * make cheap to test: a 100 MB log, written where the executor writes it, costs one window per
 * request, and the download streams it all.
 */
@QuarkusTest
@TestProfile(UiWorld.class)
class UiLogTest extends UiLogContract {
  @Inject Executor executor;

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

  private Path log(RunRecord run) throws java.io.IOException {
    Path file = executor.logFile(run.id());
    Files.createDirectories(file.getParent());
    return file;
  }
}
