package dev.ciorchestrator.forge.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal tokens and GitHub Apps (RS256 JWT from a PKCS#8 or PKCS#1 key, installation tokens
 * refreshed before they expire), and secrets kept out of messages and logs.
 */
class GitHubAuthTest {
  private static final String REPO = GitHubWorld.REPO;
  private static final long APP_ID = 4242;
  private static KeyPair keys;
  @TempDir Path dir;
  private GitHubWorld world;
  private final Repository config = GitHubWorld.repository(MergeMethod.MERGE, "alice");

  @BeforeAll
  static void generateKeys() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    keys = rsa.generateKeyPair();
  }

  @BeforeEach
  void setUp() throws Exception {
    world = new GitHubWorld(dir);
    world.openFeature("alice");
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** PKCS#1 is the RSAPrivateKey inside PKCS#8's OCTET STRING: unwrapped by reading the DER. */
  static byte[] pkcs1(byte[] pkcs8) {
    int[] at = {0};
    readHeader(pkcs8, at); // PrivateKeyInfo SEQUENCE
    skip(pkcs8, at); // version
    skip(pkcs8, at); // AlgorithmIdentifier
    int length = readHeader(pkcs8, at); // OCTET STRING
    return Arrays.copyOfRange(pkcs8, at[0], at[0] + length);
  }

  private static int readHeader(byte[] der, int[] at) {
    at[0]++; // tag
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      length = (length << 8) | (der[at[0]++] & 0xff);
    }
    return length;
  }

  private static void skip(byte[] der, int[] at) {
    int length = readHeader(der, at);
    at[0] += length;
  }

  private GitHubForge appForge(String pem) throws IOException {
    Path key = dir.resolve("app.pem");
    Files.writeString(key, pem);
    world.github.app(APP_ID, keys.getPublic(), Duration.ofHours(1));
    TestConnection c = world.connection();
    c.token = null;
    c.appId = APP_ID;
    c.installationId = 7L;
    c.privateKeyFile = key;
    return world.forge(c, config);
  }

  @Test
  void aPkcs8KeySignsAJwtThatBuysAnInstallationToken() throws Exception {
    GitHubForge forge = appForge(pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    assertThat(forge.openChanges(REPO)).hasSize(1);
    assertThat(world.github.tokensIssued()).isEqualTo(1);
    assertValidJwt(world.github.lastJwt());
  }

  @Test
  void aPkcs1KeyAsGitHubHandsItOutWorksToo() throws Exception {
    GitHubForge forge = appForge(pem("RSA PRIVATE KEY", pkcs1(keys.getPrivate().getEncoded())));
    assertThat(forge.openChanges(REPO)).hasSize(1);
    assertValidJwt(world.github.lastJwt());
  }

  @Test
  void theInstallationTokenIsRefreshedFiveMinutesBeforeItExpires() throws Exception {
    GitHubForge forge = appForge(pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    forge.openChanges(REPO);
    world.github.advance(Duration.ofMinutes(54));
    forge.openChanges(REPO);
    assertThat(world.github.tokensIssued()).isEqualTo(1);
    world.github.advance(Duration.ofMinutes(2)); // 4 minutes left: too close
    forge.openChanges(REPO);
    assertThat(world.github.tokensIssued()).isEqualTo(2);
  }

  @Test
  void aTokenAlreadyExpiredByOurClockIsBoughtAtMostOnceAMinuteWithAWarning() throws Exception {
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(String.valueOf(r.getMessage()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(AppCredentials.class.getName());
    logger.addHandler(capture);
    try {
      GitHubForge forge = appForge(pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
      world.github.appTokenExpiresAt(world.github.now().minus(Duration.ofHours(1)));
      for (int i = 0; i < 5; i++) {
        forge.openChanges(REPO);
      }
      assertThat(world.github.tokensIssued()).as("one token for the minute").isEqualTo(1);
      world.github.advance(Duration.ofSeconds(61));
      forge.openChanges(REPO);
      assertThat(world.github.tokensIssued()).isEqualTo(2);
    } finally {
      logger.removeHandler(capture);
    }
    assertThat(warnings).isNotEmpty().allMatch(w -> w.contains("clocks disagree"));
  }

  private void assertValidJwt(String jwt) throws Exception {
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(claims.path("iss").asText()).isEqualTo(Long.toString(APP_ID));
    long now = world.github.now().getEpochSecond();
    assertThat(claims.path("iat").asLong()).isLessThan(now);
    assertThat(claims.path("exp").asLong()).isGreaterThan(now).isLessThanOrEqualTo(now + 600);
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(keys.getPublic());
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8));
    assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
  }

  @Test
  void aKeyThatIsNotPemIsAClearErrorWithoutTheKey() {
    String notPem = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-secret-material";
    assertThatThrownBy(() -> appForge(notPem))
        .hasMessageContaining("private-key-file")
        .hasMessageContaining("not a PEM private key")
        .hasMessageNotContaining("secret-material");
  }

  @Test
  void aConnectionWithoutCredentialsNamesTheSettingsToSet() {
    TestConnection c = world.connection();
    c.token = null;
    assertThatThrownBy(() -> world.forge(c, config))
        .hasMessageContaining("ci.forge.github.gh.token")
        .hasMessageContaining("app-id");
  }

  @Test
  void tokenEnvReadsTheNamedVariable() throws Exception {
    TestConnection c = world.connection();
    c.token = null;
    c.tokenEnv = "MY_GH_TOKEN";
    GitHubForge forge =
        GitHubForges.create(
            "gh",
            c,
            name -> name.equals("MY_GH_TOKEN") ? GitHubWorld.TOKEN : null,
            world.clock(),
            world.metrics,
            world.sleeper(),
            r -> java.util.Optional.of(config));
    assertThat(forge.openChanges(REPO)).hasSize(1);
    c.tokenEnv = "UNSET_VARIABLE";
    assertThatThrownBy(() -> world.forge(c, config))
        .hasMessageContaining("token-env names UNSET_VARIABLE");
  }

  @Test
  void secretsAppearInNoMessageAndNoLogLine() throws Exception {
    List<String> logged = Collections.synchronizedList(new ArrayList<>());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            logged.add(String.valueOf(r.getMessage()) + " " + Arrays.toString(r.getParameters()));
            if (r.getThrown() != null) {
              logged.add(r.getThrown().toString());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    Level level = root.getLevel();
    // every library's every line, the HTTP client's included, but not on the console
    Handler[] console = root.getHandlers();
    Arrays.stream(console).forEach(root::removeHandler);
    root.addHandler(capture);
    root.setLevel(Level.ALL);
    List<String> messages = new ArrayList<>();
    try {
      // a wrong token: 401
      TestConnection wrong = world.connection();
      wrong.token = "ghp_WrongSecretValue987";
      try {
        world.forge(wrong, config).openChanges(REPO);
      } catch (IOException e) {
        messages.add(e.toString());
      }
      // server errors and a malformed answer with the right token
      world.github.failNext("GET", 10, 500);
      GitHubForge forge = world.forge(config);
      try {
        forge.openChanges(REPO);
      } catch (IOException e) {
        messages.add(e.toString());
      }
      world.github.malformedNext("GET");
      try {
        forge.openChanges(REPO);
      } catch (IOException e) {
        messages.add(e.toString());
      }
      // an App whose token exchange fails
      GitHubForge app = appForge(pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
      world.github.app(APP_ID + 1, keys.getPublic(), Duration.ofHours(1));
      try {
        app.openChanges(REPO);
      } catch (IOException e) {
        messages.add(e.toString());
      }
      messages.add(Credentials.token(GitHubWorld.TOKEN).toString());
    } finally {
      root.removeHandler(capture);
      Arrays.stream(console).forEach(root::addHandler);
      root.setLevel(level);
    }
    assertThat(messages).hasSizeGreaterThanOrEqualTo(5);
    assertThat(messages.get(0)).contains("401").contains("Bad credentials");
    List<String> everything = new ArrayList<>(messages);
    everything.addAll(logged);
    for (String line : everything) {
      assertThat(line)
          .doesNotContain(GitHubWorld.TOKEN)
          .doesNotContain("ghp_WrongSecretValue987")
          .doesNotContain("ghs_fake")
          .doesNotContain("Bearer");
    }
    assertThat(logged).as("the capture saw the HTTP client's own lines").isNotEmpty();
  }
}
