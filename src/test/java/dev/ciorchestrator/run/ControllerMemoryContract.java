package dev.ciorchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ControllerMemory} must do, proved the same way for the file and the PostgreSQL
 * store, with its retention ({@link MemoryRetentionContract}): a subclass opens a memory on fresh
 * storage ({@link #fresh}) and another on the same storage ({@link #another}: a restart, or the
 * next leader), each behind a {@link WriteFence}.
 */
public abstract class ControllerMemoryContract extends MemoryRetentionContract {
  private static final String REPO = "demo/hello-go";
  private static final String HEAD = "a".repeat(40);
  private static final String NEW_HEAD = "b".repeat(40);

  protected ControllerMemory fresh(WriteFence fence) throws Exception {
    return fresh(fence, Clock.fixed(T0, ZoneOffset.UTC));
  }

  private static ToldAnswer told(String key, String head, int minute, String line) {
    return new ToldAnswer(key, head, T0.plusSeconds(60L * minute), line);
  }

  @Test
  void anAnswerIsToldOnceAndTheNextTermReadsItBack() throws Exception {
    ControllerMemory memory = fresh(WriteFence.open());
    memory.answered(REPO, 7, told("c5", HEAD, 2, "✅ `/retest` by carol: started go-test"));
    memory.answered(REPO, 7, told("c5", HEAD, 2, "❌ something else, after a crash"));
    memory.answered(REPO, 7, told("c3", HEAD, 1, "❌ `/test nope` by carol: no job"));
    memory.answered(REPO, 8, told("c9", HEAD, 3, "answer on another change"));

    ControllerMemory next = another(WriteFence.open());
    assertThat(next.answers(REPO, 7, HEAD))
        .containsExactly(
            told("c3", HEAD, 1, "❌ `/test nope` by carol: no job"),
            told("c5", HEAD, 2, "✅ `/retest` by carol: started go-test"));
    assertThat(next.answers(REPO, 8, HEAD)).extracting(ToldAnswer::key).containsExactly("c9");
    assertThat(next.answers("other/repo", 7, HEAD)).isEmpty();
    assertThat(memory.answers(REPO, 7, HEAD)).isEqualTo(next.answers(REPO, 7, HEAD));
  }

  @Test
  void anAnswerOnANewHeadForgetsTheOldHeadsAnswers() throws Exception {
    ControllerMemory memory = fresh(WriteFence.open());
    memory.answered(REPO, 7, told("c1", HEAD, 1, "old"));
    memory.answered(REPO, 7, told("c2", NEW_HEAD, 2, "new"));

    assertThat(memory.answers(REPO, 7, HEAD)).isEmpty();
    ControllerMemory next = another(WriteFence.open());
    assertThat(next.answers(REPO, 7, HEAD)).isEmpty();
    assertThat(next.answers(REPO, 7, NEW_HEAD)).extracting(ToldAnswer::line).containsExactly("new");
  }

  @Test
  void onlyTheNewestAnswersOfAChangeAreKept() throws Exception {
    ControllerMemory memory = fresh(WriteFence.open());
    int total = ControllerMemory.MAX_ANSWERS + 5;
    for (int i = total; i > 0; i--) { // newest first: the cut goes by time, not by arrival
      memory.answered(REPO, 7, told("c" + i, HEAD, i, "answer " + i));
    }
    var kept = another(WriteFence.open()).answers(REPO, 7, HEAD);
    assertThat(kept).hasSize(ControllerMemory.MAX_ANSWERS);
    assertThat(kept.get(0).line()).isEqualTo("answer 6");
    assertThat(kept.get(kept.size() - 1).line()).isEqualTo("answer " + total);
  }

  @Test
  void aRefusedMergeIsRememberedUntilReplacedByTheNextOne() throws Exception {
    ControllerMemory memory = fresh(WriteFence.open());
    assertThat(memory.refusal(REPO, 7)).isEmpty();
    MergeRefusal first = new MergeRefusal(HEAD, "base1", "merge conflict in go.mod");
    memory.refused(REPO, 7, first);

    ControllerMemory next = another(WriteFence.open());
    assertThat(next.refusal(REPO, 7)).contains(first);
    assertThat(next.refusal(REPO, 7).orElseThrow().on(HEAD, "base1")).isTrue();
    assertThat(next.refusal(REPO, 7).orElseThrow().on(HEAD, "base2")).isFalse();
    assertThat(next.refusal(REPO, 8)).isEmpty();

    MergeRefusal second = new MergeRefusal(NEW_HEAD, "base2", "head moved: it's \"x\" now");
    next.refused(REPO, 7, second);
    assertThat(another(WriteFence.open()).refusal(REPO, 7)).contains(second);
    assertThat(next.refusal(REPO, 7)).contains(second);
  }

  @Test
  void aFollowerWritesNothingUntilItLeads() throws Exception {
    WriteFence fence = WriteFence.closed();
    ControllerMemory follower = fresh(fence);
    ToldAnswer answer = told("c5", HEAD, 2, "started");
    MergeRefusal refusal = new MergeRefusal(HEAD, "base", "conflict");

    assertThatThrownBy(() -> follower.answered(REPO, 7, answer))
        .isInstanceOf(WriteFence.NotLeading.class)
        .hasMessageContaining("demo/hello-go#7");
    assertThatThrownBy(() -> follower.refused(REPO, 7, refusal))
        .isInstanceOf(WriteFence.NotLeading.class);
    ControllerMemory reader = another(WriteFence.open());
    assertThat(reader.answers(REPO, 7, HEAD)).isEmpty();
    assertThat(reader.refusal(REPO, 7)).isEmpty();

    fence.lead();
    follower.answered(REPO, 7, answer);
    follower.refused(REPO, 7, refusal);
    ControllerMemory after = another(WriteFence.open());
    assertThat(after.answers(REPO, 7, HEAD)).containsExactly(answer);
    assertThat(after.refusal(REPO, 7)).contains(refusal);
  }
}
