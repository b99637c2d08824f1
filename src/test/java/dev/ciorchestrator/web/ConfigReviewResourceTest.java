package dev.ciorchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.config.review.Review;
import dev.ciorchestrator.config.review.ReviewPages;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The API behind a summary's "and N more" link: pages, and clear errors naming the field. */
class ConfigReviewResourceTest {
  private final Review review =
      Review.invalid(
          "a".repeat(40), "rev", List.of("a.yaml:1:1: x", "a.yaml:2:1: y", "a.yaml:3:1: z"));
  private final ConfigReviewResource resource =
      new ConfigReviewResource(n -> n == 7 ? Optional.of(review) : Optional.empty());

  @Test
  void pagesThroughAPart() {
    ReviewPages.Page page = resource.page("7", "errors", "", "2");
    assertThat(page.lines()).containsExactly("a.yaml:1:1: x", "a.yaml:2:1: y");
    assertThat(resource.page("7", "errors", page.next(), "2").lines())
        .containsExactly("a.yaml:3:1: z");
  }

  @Test
  void refusesWhatNamesNoPage() {
    assertThatThrownBy(() -> resource.page("8", "errors", "", "10"))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(Status.NOT_FOUND));
    assertField(() -> resource.page("x", "errors", "", "10"), "change");
    assertField(() -> resource.page("7", "errors", "", "ten"), "limit");
    assertField(() -> resource.page("7", "errors", "", "5000"), "limit");
    assertField(() -> resource.page("7", "nope", "", "10"), "part");
    assertField(() -> resource.page("7", "errors", "zz.1", "10"), "cursor");
  }

  private static void assertField(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOf(ApiException.class)
        .satisfies(
            e -> {
              assertThat(((ApiException) e).status()).isEqualTo(Status.BAD_REQUEST);
              assertThat(((ApiException) e).body().field()).isEqualTo(field);
            });
  }
}
