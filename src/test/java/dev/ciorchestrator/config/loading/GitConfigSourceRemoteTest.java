package dev.ciorchestrator.config.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.sync.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository reached through a URL: mirrored into the cache, fetched only when needed. */
class GitConfigSourceRemoteTest {
  @TempDir Path tmp;
  TestRepo upstream;
  String url;
  Path cache;
  String first;

  @BeforeEach
  void upstream() throws Exception {
    upstream = TestRepo.init(tmp.resolve("upstream"));
    first = upstream.write("ci/jobs.yaml", "a: 1\n").commit("first");
    upstream.tag("v1", true);
    url = upstream.dir().toUri().toString(); // file:///...
    cache = tmp.resolve("cache");
  }

  @AfterEach
  void close() {
    upstream.close();
  }

  @Test
  void mirrorsIntoTheCacheAndFetchesOnlyForNewCommits() throws Exception {
    try (GitConfigSource source = new GitConfigSource(url, "main", "ci", cache)) {
      assertThat(source.resolve()).isEqualTo(first);
      assertThat(source.fetches()).isEqualTo(1);
      assertThat(mirrors()).hasSize(1);

      assertThat(source.resolve()).isEqualTo(first);
      assertThat(source.fetches()).as("known SHA: ls-remote only").isEqualTo(1);

      String second = upstream.write("ci/jobs.yaml", "a: 2\n").commit("second");
      assertThat(source.resolve()).isEqualTo(second);
      assertThat(source.fetches()).isEqualTo(2);
      assertThat(source.read(second))
          .singleElement()
          .satisfies(f -> assertThat(GitConfigSourceTest.text(f)).isEqualTo("a: 2\n"));
      assertThat(source.read(first)).extracting(ConfigFile::path).containsExactly("jobs.yaml");
    }
  }

  @Test
  void aNewSourceReusesTheMirrorOnDisk() throws Exception {
    try (GitConfigSource source = new GitConfigSource(url, "main", "", cache)) {
      source.resolve();
    }
    try (GitConfigSource again = new GitConfigSource(url, "main", "", cache)) {
      assertThat(again.resolve()).isEqualTo(first);
      assertThat(again.fetches()).isZero();
    }
  }

  @Test
  void resolvesAnnotatedTagsHeadAndShas() throws Exception {
    String second = upstream.write("ci/jobs.yaml", "a: 2\n").commit("second");
    assertThat(resolve("v1")).isEqualTo(first);
    assertThat(resolve("HEAD")).isEqualTo(second);
    assertThat(resolve(first)).isEqualTo(first);
    try (GitConfigSource shortSha = new GitConfigSource(url, first.substring(0, 10), "", cache)) {
      assertThat(shortSha.resolve()).isEqualTo(first);
      assertThat(shortSha.fetches()).as("the mirror already has it").isZero();
    }
  }

  @Test
  void unknownRevisionListsTheRemoteRefsWithoutFetching() throws Exception {
    try (GitConfigSource source = new GitConfigSource(url, "nope", "", cache)) {
      assertThatThrownBy(source::resolve)
          .isInstanceOf(IOException.class)
          .hasMessage("revision 'nope' not found in " + url + " (branches: main; tags: v1)");
      assertThat(source.fetches()).isZero();
    }
  }

  @Test
  void credentialsNeverShowInDescriptionsOrErrors() throws Exception {
    String secretUrl = "http://alice:s3cret@127.0.0.1:1/config.git";
    try (GitConfigSource source = new GitConfigSource(secretUrl, "main", "", cache)) {
      assertThat(source.describe()).isEqualTo("http://alice:***@127.0.0.1:1/config.git@main");
      assertThatThrownBy(source::resolve)
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("cannot list refs of http://alice:***@127.0.0.1:1/config.git")
          .message()
          .doesNotContain("s3cret");
    }
  }

  @Test
  void redactsTokensButKeepsSshUsers() {
    assertThat(UrlRedaction.redact("clone https://ghp_token@github.com/a/b failed"))
        .isEqualTo("clone https://***@github.com/a/b failed");
    assertThat(UrlRedaction.redact("ssh://git@github.com/a/b"))
        .isEqualTo("ssh://git@github.com/a/b");
    assertThat(UrlRedaction.redact("/srv/config")).isEqualTo("/srv/config");
  }

  private String resolve(String revision) throws IOException {
    try (GitConfigSource source = new GitConfigSource(url, revision, "", cache)) {
      return source.resolve();
    }
  }

  private java.util.List<Path> mirrors() throws IOException {
    try (Stream<Path> list = Files.list(cache)) {
      return list.filter(p -> Files.isRegularFile(p.resolve("HEAD"))).toList();
    }
  }
}
