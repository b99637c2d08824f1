package dev.ciorchestrator.forge.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.forge.ForgeChange;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust on GitHub: the repository's list, organisation members and collaborators (each switchable),
 * fed to the unchanged planner as {@code okToTest} and as the users whose {@code /ok-to-test}
 * counts.
 */
class GitHubTrustTest {
  private static final String REPO = GitHubWorld.REPO;
  @TempDir Path dir;
  private GitHubWorld world;
  private FakeGitHub github;
  private final Repository config = GitHubWorld.repository(MergeMethod.MERGE, "alice");

  @BeforeEach
  void setUp() throws Exception {
    world = new GitHubWorld(dir);
    github = world.github;
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private ForgeChange only(GitHubForge forge) throws Exception {
    return forge.openChanges(REPO).get(0);
  }

  @Test
  void aStrangersPullRequestIsNotVouchedFor() throws Exception {
    world.openFeature("stranger");
    assertThat(only(world.forge(config)).state().okToTest()).isFalse();
  }

  @Test
  void anOrganisationMemberIsTrustedAndTheAnswerIsCached() throws Exception {
    github.member("acme", "Olivia");
    world.openFeature("olivia");
    world.openFeature("olivia");
    GitHubForge forge = world.forge(config);
    assertThat(forge.openChanges(REPO))
        .allSatisfy(fc -> assertThat(fc.state().okToTest()).isTrue());
    assertThat(github.log().stream().filter(l -> l.contains("/members/")).count()).isEqualTo(1);
  }

  @Test
  void aCollaboratorIsTrusted() throws Exception {
    github.collaborator(REPO, "carl");
    world.openFeature("carl");
    assertThat(only(world.forge(config)).state().okToTest()).isTrue();
  }

  @Test
  void membershipTrustCanBeSwitchedOffPerConnection() throws Exception {
    github.member("acme", "olivia");
    github.collaborator(REPO, "olivia");
    world.openFeature("olivia");
    TestConnection c = world.connection();
    c.trustOrgMembers = false;
    c.trustCollaborators = false;
    assertThat(only(world.forge(c, config)).state().okToTest()).isFalse();
    assertThat(github.log())
        .noneMatch(l -> l.contains("/members/") || l.contains("/collaborators/"));
  }

  @Test
  void okToTestCountsFromListedOrMemberCommentersOnly() throws Exception {
    github.member("acme", "olivia");
    long n = world.openFeature("stranger");
    github.comment(REPO, n, "mallory", "/ok-to-test");
    GitHubForge forge = world.forge(config);
    ForgeChange fc = only(forge);
    assertThat(fc.state().okToTest()).isFalse();
    assertThat(fc.answers())
        .extracting(a -> a.by() + ": " + a.text())
        .containsExactly("mallory: only a trusted user can /ok-to-test");

    github.comment(REPO, n, "olivia", "/ok-to-test");
    assertThat(only(forge).state().okToTest()).isTrue();
  }

  /**
   * GitHub does not say when a head was pushed: the adapter takes the time it first saw the head,
   * or saw it move, and only an /ok-to-test written after that covers the head.
   */
  @Test
  void anOkToTestCoversTheHeadOnlyWhenWrittenAfterTheAdapterSawIt() throws Exception {
    long n = world.openFeature("stranger");
    github.comment(REPO, n, "alice", "/ok-to-test"); // before the adapter ever saw the head
    GitHubForge forge = world.forge(config);
    ForgeChange first = only(forge);
    assertThat(first.state().okToTest()).isTrue();
    assertThat(first.state().okToTestForHead()).isFalse();

    github.advance(java.time.Duration.ofSeconds(5));
    github.comment(REPO, n, "alice", "/ok-to-test");
    assertThat(only(forge).state().okToTestForHead()).isTrue();

    github.advance(java.time.Duration.ofSeconds(5));
    github.push(REPO, n, world.pushCommit("feature", "src/more.txt", "more\n"));
    ForgeChange pushed = only(forge);
    assertThat(pushed.state().okToTest()).isTrue();
    assertThat(pushed.state().okToTestForHead()).as("a push needs a new one").isFalse();
  }

  @Test
  void anUntrustedCommenterMayNotTestSomeoneElsesPullRequestButAMemberMay() throws Exception {
    github.member("acme", "olivia");
    long n = world.openFeature("alice");
    github.comment(REPO, n, "mallory", "/test all");
    github.comment(REPO, n, "olivia", "/retest");
    ForgeChange fc = only(world.forge(config));

    assertThat(fc.state().requests()).extracting(r -> r.by()).containsExactly("olivia");
    assertThat(fc.answers())
        .extracting(a -> a.by() + ": " + a.outcome())
        .containsExactly("mallory: REFUSED");
  }

  @Test
  void okToTestFromTheTrustListCountsWithoutAskingGitHub() throws Exception {
    long n = world.openFeature("stranger");
    github.comment(REPO, n, "alice", "/ok-to-test");
    TestConnection c = world.connection();
    c.trustOrgMembers = false;
    c.trustCollaborators = false;
    assertThat(only(world.forge(c, config)).state().okToTest()).isTrue();
  }

  @Test
  void theBotsOwnCommentsAreNeverCommands() throws Exception {
    long n = world.openFeature("stranger");
    github.comment(REPO, n, GitHubWorld.BOT, "/ok-to-test\n/approve");
    ForgeChange fc = only(world.forge(config));
    assertThat(fc.state().okToTest()).isFalse();
    assertThat(fc.state().change().approvals()).isEmpty();
  }
}
