package dev.ciorchestrator.web;

import dev.ciorchestrator.config.review.Review;
import dev.ciorchestrator.config.review.ReviewPages;
import dev.ciorchestrator.runtime.ReconcileService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * All of a config change's review, page by page: what its summary comment cuts at {@code
 * ci.config-review.shown} lines ("… and N more"). {@code GET
 * /api/v1/config/reviews/{change}/{part}?cursor=&limit=}, {@code part} one of {@code errors},
 * {@code tests}, {@code diff}, {@code impact}; each page names the cursor of the next.
 */
@Path("/api/v1/config/reviews")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigReviewResource {
  private final LongFunction<Optional<Review>> reviews;

  @Inject
  public ConfigReviewResource(ReconcileService service) {
    this(service::configReview);
  }

  ConfigReviewResource(LongFunction<Optional<Review>> reviews) {
    this.reviews = reviews;
  }

  @GET
  @Path("/{change}/{part}")
  public ReviewPages.Page page(
      @PathParam("change") String change,
      @PathParam("part") String part,
      @QueryParam("cursor") @DefaultValue("") String cursor,
      @QueryParam("limit") @DefaultValue("100") String limit) {
    long number = number(change);
    Review review =
        reviews
            .apply(number)
            .orElseThrow(
                () ->
                    new ApiException(
                        Status.NOT_FOUND,
                        "change #"
                            + number
                            + " is not an open change to the config repository that was reviewed",
                        "change"));
    int size = integer(limit, "limit");
    try {
      return ReviewPages.page(number, review, part, cursor, size);
    } catch (ReviewPages.Refused e) {
      throw ApiException.badRequest(e.getMessage(), e.field());
    }
  }

  private static long number(String text) {
    try {
      long n = Long.parseLong(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("change must be a positive number, got '" + text + "'", "change");
  }

  private static int integer(String text, String field) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(field + " must be a number, got '" + text + "'", field);
    }
  }
}
