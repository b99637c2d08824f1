package dev.ciorchestrator.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.ciorchestrator.forge.webhook.WebhookSignature;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /hooks/gitlab} and {@code POST /hooks/gitea} over HTTP, through the intake: the token
 * or signature header is judged before the body, the body limit is the hook's own, and a genuine
 * delivery about a repository the config does not have is answered and ignored.
 */
@QuarkusTest
@TestProfile(ForgeHooksTest.Profile.class)
class ForgeHooksTest {
  static final String GITLAB_TOKEN = "gitlab token of gl";
  static final String GITEA_SECRET = "gitea secret of gt";

  /** One GitLab and one Gitea connection with webhook secrets; small body limits. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ci.forge.gitlab.gl.token", "not-used-by-the-hook",
          "ci.forge.gitlab.gl.webhook-token", GITLAB_TOKEN,
          "ci.forge.gitea.gt.token", "not-used-by-the-hook",
          "ci.forge.gitea.gt.webhook-secret", GITEA_SECRET,
          "ci.webhooks.gitlab.max-body-size", "4K",
          "ci.webhooks.gitea.max-body-size", "4K");
    }
  }

  private static final byte[] MR =
      ("{\"object_kind\": \"merge_request\", \"project\": {\"path_with_namespace\": \"x/y\"},"
              + " \"object_attributes\": {\"iid\": 1, \"action\": \"open\"}}")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] PR =
      "{\"action\": \"opened\", \"number\": 1, \"repository\": {\"full_name\": \"x/y\"}}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void gitlabWithoutTheTokenIs401NamingTheHeader() {
    given()
        .contentType(ContentType.JSON)
        .header("X-Gitlab-Event", "Merge Request Hook")
        .header("X-Gitlab-Token", "guess")
        .body(MR)
        .post("/hooks/gitlab")
        .then()
        .statusCode(401)
        .body("field", is("X-Gitlab-Token"));
  }

  @Test
  void gitlabWithTheTokenIsTakenAndAnsweredThenARedeliveryDoesNothing() {
    for (int expected : new int[] {202, 200}) {
      given()
          .contentType(ContentType.JSON)
          .header("X-Gitlab-Event", "Merge Request Hook")
          .header("X-Gitlab-Token", GITLAB_TOKEN)
          .header("X-Gitlab-Event-UUID", "3b1c7c5e-0d6b-4d6e-9a3b-1a2b3c4d5e6f")
          .body(MR)
          .post("/hooks/gitlab")
          .then()
          .statusCode(expected);
    }
  }

  @Test
  void gitlabBodiesOverTheHooksLimitAre413NamingItsSetting() {
    given()
        .contentType(ContentType.JSON)
        .header("X-Gitlab-Event", "Merge Request Hook")
        .header("X-Gitlab-Token", GITLAB_TOKEN)
        .body(new byte[8192])
        .post("/hooks/gitlab")
        .then()
        .statusCode(413)
        .body("error", containsString("ci.webhooks.gitlab.max-body-size"));
  }

  @Test
  void giteaSignedIsTakenAndUnsignedIs401() {
    String sig = WebhookSignature.sign(GITEA_SECRET, PR).substring("sha256=".length());
    given()
        .contentType(ContentType.JSON)
        .header("X-Gitea-Event", "pull_request")
        .header("X-Gitea-Delivery", "d-1")
        .header("X-Gitea-Signature", sig)
        .body(PR)
        .post("/hooks/gitea")
        .then()
        .statusCode(202)
        .body("result", is("ignored"));
    given()
        .contentType(ContentType.JSON)
        .header("X-Forgejo-Event", "pull_request")
        .header("X-Forgejo-Delivery", "d-2")
        .body(PR)
        .post("/hooks/gitea")
        .then()
        .statusCode(401)
        .body("field", is("X-Gitea-Signature"));
  }
}
