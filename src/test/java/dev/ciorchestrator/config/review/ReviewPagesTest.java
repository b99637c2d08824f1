package dev.ciorchestrator.config.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.review.ReviewPages.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A review's lists page by page: every line once, in order, and a cursor tied to its head. */
class ReviewPagesTest {
  private static final String HEAD = "a".repeat(40);

  private static Review invalid(int errors) {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= errors; i++) {
      lines.add("jobs.yaml:" + i + ":3: run: required");
    }
    return Review.invalid(HEAD, "rev", lines);
  }

  @Test
  void followingTheCursorsReadsEveryLineOnceInOrder() {
    Review r = invalid(2_345);
    List<String> read = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      Page page = ReviewPages.page(12, r, "errors", cursor, 1000);
      assertThat(page.total()).isEqualTo(2_345);
      assertThat(page.head()).isEqualTo(HEAD);
      read.addAll(page.lines());
      cursor = page.next();
      pages++;
    } while (!cursor.isEmpty());
    assertThat(pages).isEqualTo(3);
    assertThat(read).containsExactlyElementsOf(r.errors());
  }

  @Test
  void aPageIsTheLinesFromItsCursor() {
    Page first = ReviewPages.page(12, invalid(5), "errors", "", 2);
    assertThat(first.lines())
        .containsExactly("jobs.yaml:1:3: run: required", "jobs.yaml:2:3: run: required");
    assertThat(first.next()).isEqualTo(HEAD + ".2");
    Page last = ReviewPages.page(12, invalid(5), "ERRORS", HEAD + ".4", 2);
    assertThat(last.lines()).containsExactly("jobs.yaml:5:3: run: required");
    assertThat(last.next()).isEmpty();
    assertThat(ReviewPages.page(12, invalid(5), "diff", "", 2).total()).isZero();
  }

  @Test
  void aCursorOfAnotherHeadAndBadParametersAreRefusedByName() {
    Review r = invalid(5);
    assertThatThrownBy(() -> ReviewPages.page(12, r, "errors", "b".repeat(40) + ".2", 2))
        .isInstanceOf(ReviewPages.Refused.class)
        .hasMessageContaining("the change's head is " + HEAD + " now")
        .extracting(e -> ((ReviewPages.Refused) e).field())
        .isEqualTo("cursor");
    assertThatThrownBy(() -> ReviewPages.page(12, r, "errors", HEAD + ".99", 2))
        .hasMessageContaining("names no page");
    assertThatThrownBy(() -> ReviewPages.page(12, r, "errors", HEAD + ".x", 2))
        .hasMessageContaining("names no page");
    assertThatThrownBy(() -> ReviewPages.page(12, r, "errors", "", 0))
        .extracting(e -> ((ReviewPages.Refused) e).field())
        .isEqualTo("limit");
    assertThatThrownBy(() -> ReviewPages.page(12, r, "jobs", "", 10))
        .hasMessage("unknown part 'jobs': one of errors, tests, diff, impact")
        .extracting(e -> ((ReviewPages.Refused) e).field())
        .isEqualTo("part");
  }
}
