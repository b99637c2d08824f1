package dev.ciorchestrator.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.artifact.FileModes;
import dev.ciorchestrator.run.WriteFence;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UploadStaging} must do, proved the same way on disk and in PostgreSQL: a
 * subclass opens a staging on fresh storage ({@link #fresh}) and another on the same storage
 * ({@link #another}: a restart, or the next leader), each with the quota {@link #QUOTA}.
 */
public abstract class UploadStagingContract {
  protected static final long QUOTA = 100;
  protected static final String RUN = "r-1234abcd";

  /** A staging on new, empty storage, writing while {@code fence} is open. */
  protected abstract UploadStaging fresh(WriteFence fence) throws Exception;

  /** Another staging on the storage of the last {@link #fresh} one. */
  protected abstract UploadStaging another(WriteFence fence) throws Exception;

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static String read(StagedRun staged, String path) throws Exception {
    return Files.readString(staged.workspace().resolve(path));
  }

  @Test
  void chunksMakeTheFilesAndTheLogAndDoneIsTheLastWord() throws Exception {
    UploadStaging staging = fresh(WriteFence.open());
    staging.append(RUN, "bin/app", 0, bytes("hello "));
    staging.append(RUN, "bin/app", 6, bytes("world"));
    staging.append(RUN, "out/junit.xml", 0, bytes("<testsuite/>"));
    staging.append(RUN, "empty", 0, new byte[0]);
    staging.append(RUN, null, 0, bytes("log line\n"));
    staging.finish(RUN, new StagedRun.Done(0, ""));

    StagedRun staged = staging.staged(RUN);
    assertThat(read(staged, "bin/app")).isEqualTo("hello world");
    assertThat(read(staged, "out/junit.xml")).isEqualTo("<testsuite/>");
    assertThat(read(staged, "empty")).isEmpty();
    try (Stream<Path> all = Files.walk(staged.workspace())) {
      assertThat(all.filter(Files::isRegularFile)).hasSize(3);
    }
    assertThat(Files.readString(staged.log().orElseThrow())).isEqualTo("log line\n");
    assertThat(staged.done()).contains(new StagedRun.Done(0, ""));
  }

  @Test
  void theModesTheSidecarReadAreKeptAndGivenBackToTheFilesOnTheTakeIn() throws Exception {
    UploadStaging staging = fresh(WriteFence.open());
    staging.append(RUN, "bin/app", 0, bytes("\u007fELF"));
    staging.append(RUN, "out/notes.txt", 0, bytes("notes"));
    StagedRun.Done done =
        new StagedRun.Done(0, "", Map.of("bin/app", 0755, "no/such/file", 0700, "out", 0700));
    staging.finish(RUN, done);

    StagedRun staged = another(WriteFence.open()).staged(RUN);
    assertThat(staged.done()).contains(done);
    staged.restoreModes();
    assertThat(FileModes.of(staged.workspace().resolve("bin/app"))).isEqualTo(0755);
    assertThat(FileModes.of(staged.workspace().resolve("out/notes.txt"))).isEqualTo(0644);
    assertThat(FileModes.of(staged.workspace().resolve("out")))
        .as("only files get a mode, never a folder of the staging")
        .isNotEqualTo(0700);
    assertThat(staged.workspace().resolve("no/such/file")).doesNotExist();
  }

  @Test
  void aResentChunkReplacesItsPlaceAndWhatFollowedIt() throws Exception {
    UploadStaging staging = fresh(WriteFence.open());
    staging.append(RUN, "a", 0, bytes("hello "));
    staging.append(RUN, "a", 6, bytes("world"));
    staging.append(RUN, "a", 6, bytes("world")); // the answer was lost: the same chunk again
    assertThat(read(staging.staged(RUN), "a")).isEqualTo("hello world");

    staging.append(RUN, "a", 0, bytes("HELLO ")); // the sidecar started the file over
    assertThat(read(staging.staged(RUN), "a")).isEqualTo("HELLO ");
    staging.append(RUN, "a", 3, bytes("p!")); // within a chunk
    assertThat(read(staging.staged(RUN), "a")).isEqualTo("HELp!");
  }

  @Test
  void aChunkThatSkipsBytesIs409NamingTheOffset() throws Exception {
    UploadStaging staging = fresh(WriteFence.open());
    staging.append(RUN, "a", 0, bytes("abc"));

    for (long bad : new long[] {4, -1}) {
      assertThatThrownBy(() -> staging.append(RUN, "a", bad, bytes("x")))
          .isInstanceOfSatisfying(
              UploadRefused.class,
              e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.field()).isEqualTo("offset");
                assertThat(e.getMessage()).contains("which has 3 bytes");
              });
    }
    assertThatThrownBy(() -> staging.append(RUN, null, 1, bytes("x")))
        .isInstanceOfSatisfying(
            UploadRefused.class, e -> assertThat(e.getMessage()).contains("the log"));
    assertThat(read(staging.staged(RUN), "a")).isEqualTo("abc");
  }

  @Test
  void theFilesAndTheLogAreEachBoundedByTheQuotaBeforeAByteIsKept() throws Exception {
    UploadStaging staging = fresh(WriteFence.open());
    assertThat(staging.quota()).isEqualTo(QUOTA);
    staging.append(RUN, "a", 0, new byte[60]);

    assertThatThrownBy(() -> staging.append(RUN, "b", 0, new byte[41]))
        .isInstanceOfSatisfying(
            UploadRefused.class,
            e -> {
              assertThat(e.status()).isEqualTo(413);
              assertThat(e.getMessage()).contains("b").contains("(100 bytes)");
            });
    assertThat(staging.staged(RUN).workspace().resolve("b")).doesNotExist();
    staging.append(RUN, "b", 0, new byte[40]);
    staging.append(RUN, "a", 0, new byte[60]); // a resent file replaces itself, not adds
    staging.append(RUN, null, 0, new byte[100]); // the log has a quota of its own
    assertThatThrownBy(() -> staging.append(RUN, null, 100, new byte[1]))
        .isInstanceOfSatisfying(
            UploadRefused.class, e -> assertThat(e.getMessage()).contains("the log"));
  }

  @Test
  void nothingMoreIsTakenAfterDoneAndDoneAgainIsHarmless() throws Exception {
    UploadStaging staging = fresh(WriteFence.open());
    staging.append(RUN, "a", 0, bytes("abc"));
    staging.finish(RUN, new StagedRun.Done(3, "a link out"));
    staging.finish(RUN, new StagedRun.Done(3, "a link out")); // a retry after a lost answer

    assertThatThrownBy(() -> staging.append(RUN, "b", 0, bytes("x")))
        .isInstanceOfSatisfying(
            UploadRefused.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.getMessage()).contains("already finished");
            });
    assertThat(staging.staged(RUN).done()).contains(new StagedRun.Done(3, "a link out"));
  }

  @Test
  void aPathThatIsAFileForOneUploadAndAFolderForAnotherIs409() throws Exception {
    UploadStaging staging = fresh(WriteFence.open());
    staging.append(RUN, "a/b", 0, bytes("x"));
    staging.append(RUN, "c", 0, bytes("y"));

    for (String clash : new String[] {"a", "c/d", "c/d/e"}) {
      assertThatThrownBy(() -> staging.append(RUN, clash, 0, bytes("z")))
          .as(clash)
          .isInstanceOfSatisfying(
              UploadRefused.class,
              e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.field()).isEqualTo("path");
                assertThat(e.getMessage()).contains("clashes");
              });
    }
    staging.append(RUN, "a/c", 0, bytes("fine")); // a sibling is no clash
    staging.append(RUN, "cd", 0, bytes("fine")); // nor a name that only starts the same
    StagedRun staged = staging.staged(RUN);
    assertThat(read(staged, "a/b")).isEqualTo("x");
    assertThat(read(staged, "c")).isEqualTo("y");
  }

  @Test
  void aBadRunIdOrPathIs400() throws Exception {
    UploadStaging staging = fresh(WriteFence.open());
    for (String bad : new String[] {"../x", "/etc/passwd", "a//b", "./a", "a\\b", ""}) {
      assertThatThrownBy(() -> staging.append(RUN, bad, 0, bytes("x")))
          .as(bad)
          .isInstanceOfSatisfying(
              UploadRefused.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.field()).isEqualTo("path");
              });
    }
    assertThatThrownBy(() -> staging.append("../up", "a", 0, bytes("x")))
        .isInstanceOfSatisfying(UploadRefused.class, e -> assertThat(e.field()).isEqualTo("id"));
  }

  @Test
  void theNextOneContinuesWhereTheLastOneStoppedAndSeesAllItTook() throws Exception {
    UploadStaging first = fresh(WriteFence.open());
    first.append(RUN, "bin/app", 0, bytes("half "));
    first.append(RUN, null, 0, bytes("first\n"));

    UploadStaging next = another(WriteFence.open());
    next.append(RUN, "bin/app", 5, bytes("and the rest"));
    next.append(RUN, null, 6, bytes("second\n"));
    next.finish(RUN, new StagedRun.Done(0, ""));

    StagedRun staged = next.staged(RUN);
    assertThat(read(staged, "bin/app")).isEqualTo("half and the rest");
    assertThat(Files.readString(staged.log().orElseThrow())).isEqualTo("first\nsecond\n");
    assertThat(staged.done()).isPresent();
  }

  @Test
  void deleteLeavesNothingOfTheRunAndNothingOfOthersGoes() throws Exception {
    UploadStaging staging = fresh(WriteFence.open());
    staging.append(RUN, "a", 0, bytes("abc"));
    staging.append(RUN, null, 0, bytes("log"));
    staging.finish(RUN, new StagedRun.Done(0, ""));
    staging.append("r-other", "a", 0, bytes("kept"));
    staging.staged(RUN);

    staging.delete(RUN);
    staging.delete(RUN); // twice, or for a run without uploads: nothing to do

    StagedRun after = another(WriteFence.open()).staged(RUN);
    assertThat(after.log()).isEmpty();
    assertThat(after.done()).isEmpty();
    try (Stream<Path> all = Files.list(after.workspace())) {
      assertThat(all).isEmpty();
    }
    assertThat(read(staging.staged("r-other"), "a")).isEqualTo("kept");
  }
}
