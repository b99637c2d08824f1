package dev.ciorchestrator.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.runtime.LeaderElectionSettings;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code k8s/base} and its overlays render with the real {@code kubectl kustomize}, and what they
 * render deploys the controller as docs/deployment.md promises: every object in one namespace and
 * bound together by name, two replicas with leader election, probes on the health endpoints, a
 * hardened pod, secrets only by reference, run state in the shared PostgreSQL store and none in the
 * pod, and the Role of {@code k8s/base/role.yaml} unchanged.
 */
class KustomizeRenderTest {
  private static final Set<String> KINDS =
      Set.of(
          "Namespace",
          "ServiceAccount",
          "Role",
          "RoleBinding",
          "Deployment",
          "Service",
          "ConfigMap");

  @ParameterizedTest
  @ValueSource(strings = {"k8s/base", "k8s/overlays/example", "k8s/overlays/cloudnative-pg"})
  void rendersOneOfEachKindInOneNamespace(String dir) throws Exception {
    Rendered r = render(dir);
    Set<String> kinds = new HashSet<>(KINDS);
    if (dir.endsWith("cloudnative-pg")) {
      kinds.add("Cluster");
    }
    assertThat(r.objects.stream().map(o -> str(o, "kind")).toList())
        .containsExactlyInAnyOrderElementsOf(kinds);
    String namespace = str(r.get("Namespace"), "metadata", "name");
    for (Map<String, Object> o : r.objects) {
      if (!str(o, "kind").equals("Namespace")) {
        assertThat(str(o, "metadata", "namespace")).as(str(o, "kind")).isEqualTo(namespace);
      }
    }
    Map<String, Object> binding = r.get("RoleBinding");
    assertThat(str(binding, "roleRef", "name")).isEqualTo(str(r.get("Role"), "metadata", "name"));
    Map<String, Object> subject = map(list(binding, "subjects").get(0));
    assertThat(subject)
        .containsEntry("kind", "ServiceAccount")
        .containsEntry("name", str(r.get("ServiceAccount"), "metadata", "name"))
        .containsEntry("namespace", namespace);
    assertThat(str(r.pod(), "serviceAccountName"))
        .isEqualTo(str(r.get("ServiceAccount"), "metadata", "name"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/base", "k8s/overlays/example", "k8s/overlays/cloudnative-pg"})
  void deploymentRunsTwoHardenedReplicasWithProbes(String dir) throws Exception {
    Rendered r = render(dir);
    assertThat(map(r.get("Deployment").get("spec")).get("replicas")).isEqualTo(2);
    Map<String, Object> pod = r.pod();
    Map<String, Object> c = r.container();
    assertThat(str(c, "image")).isEqualTo("ghcr.io/ci-orchestrator/ci-orchestrator:0.1.0");

    assertThat(map(pod.get("securityContext")))
        .containsEntry("runAsNonRoot", true)
        .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
    assertThat(map(c.get("securityContext")))
        .containsEntry("allowPrivilegeEscalation", false)
        .containsEntry("readOnlyRootFilesystem", true)
        .containsEntry("runAsNonRoot", true)
        .containsEntry("capabilities", Map.of("drop", List.of("ALL")))
        .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));

    Map<String, Object> ports = new HashMap<>();
    list(c, "ports").forEach(p -> ports.put(str(p, "name"), map(p).get("containerPort")));
    assertThat(ports).containsEntry("http", 8080);
    assertProbe(c, "livenessProbe", "/q/health/live", ports);
    assertProbe(c, "readinessProbe", "/q/health/ready", ports);

    Map<String, Object> resources = map(c.get("resources"));
    assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
    assertThat(map(resources.get("limits"))).containsKey("memory");
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/base", "k8s/overlays/example", "k8s/overlays/cloudnative-pg"})
  void secretsComeOnlyFromTheUsersSecret(String dir) throws Exception {
    Rendered r = render(dir);
    List<Object> env = list(r.container(), "env");
    Map<String, String> secretRefs = new HashMap<>();
    for (Object e : env) {
      String name = str(e, "name");
      Map<String, Object> from = map(map(e).getOrDefault("valueFrom", Map.of()));
      if (from.containsKey("secretKeyRef")) {
        Map<String, Object> ref = map(from.get("secretKeyRef"));
        secretRefs.put(name, str(ref, "name") + "/" + str(ref, "key"));
      } else if (name.matches(".*(TOKEN|SECRET|PASSWORD|KEY|DATASOURCE).*")) {
        throw new AssertionError(name + " must come from a secretKeyRef, not a literal value");
      }
    }
    assertThat(secretRefs)
        .containsEntry("GITHUB_TOKEN", "ci-orchestrator-secrets/github-token")
        .containsEntry("GITHUB_WEBHOOK_SECRET", "ci-orchestrator-secrets/webhook-secret")
        .containsEntry("CI_EXECUTOR_KUBERNETES_UPLOAD_KEY", "ci-orchestrator-secrets/upload-key");
    // the database: a Secret the user makes, or the one the operator makes for its Cluster
    String db =
        dir.endsWith("cloudnative-pg")
            ? str(r.get("Cluster"), "metadata", "name") + "-app"
            : "ci-orchestrator-db";
    String url = dir.endsWith("cloudnative-pg") ? "jdbc-uri" : "jdbc-url";
    assertThat(secretRefs)
        .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", db + "/" + url)
        .containsEntry("QUARKUS_DATASOURCE_USERNAME", db + "/username")
        .containsEntry("QUARKUS_DATASOURCE_PASSWORD", db + "/password")
        .hasSize(6);
    assertThat(r.objects).noneMatch(o -> str(o, "kind").equals("Secret"));
    assertThat(r.settings().stringPropertyNames())
        .noneMatch(k -> k.startsWith("quarkus.datasource"));
    Properties settings = r.settings();
    assertThat(settings.getProperty("ci.forge.github.github.token")).isEqualTo("${GITHUB_TOKEN}");
    assertThat(settings.getProperty("ci.forge.github.github.webhook-secret"))
        .isEqualTo("${GITHUB_WEBHOOK_SECRET}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/base", "k8s/overlays/example", "k8s/overlays/cloudnative-pg"})
  void settingsEnableLeaderElectionTheKubernetesExecutorAndTheSharedStore(String dir)
      throws Exception {
    Rendered r = render(dir);
    Map<String, Object> c = r.container();
    // the mounted ConfigMap is the generated one, and the app is told to read it
    Map<String, String> mounts = new HashMap<>();
    list(c, "volumeMounts").forEach(m -> mounts.put(str(m, "name"), str(m, "mountPath")));
    Map<String, Map<String, Object>> volumes = new HashMap<>();
    list(r.pod(), "volumes").forEach(v -> volumes.put(str(v, "name"), map(v)));
    String configMap = str(volumes.get("config"), "configMap", "name");
    assertThat(configMap).isEqualTo(str(r.get("ConfigMap"), "metadata", "name"));
    assertThat(envValue(c, "QUARKUS_CONFIG_LOCATIONS"))
        .isEqualTo(mounts.get("config") + "/application.properties");

    Properties settings = r.settings();
    assertThat(settings.getProperty("ci.leader-election.enabled")).isEqualTo("true");
    assertThat(settings.getProperty("ci.executor.default")).isEqualTo("kubernetes");
    assertThat(settings.getProperty("ci.demo.enabled")).isEqualTo("false");
    // the jar binds to 127.0.0.1; in a pod the Service must reach it
    assertThat(settings.getProperty("quarkus.http.host")).isEqualTo("0.0.0.0");
    assertOnlyKnownLeaderElectionKeys(settings);

    // runs, logs and watermarks live in the shared store, so nothing of them is in the pod
    assertThat(settings.getProperty("ci.store.kind")).isEqualTo("postgres");
    assertThat(settings.getProperty("ci.reconcile.state-file")).isNull();
    assertThat(volumes).doesNotContainKey("state");
    assertThat(mounts.values()).doesNotContain("/var/lib/ci-orchestrator");
    Set<String> writable =
        mounts.entrySet().stream()
            .filter(m -> volumes.get(m.getKey()).containsKey("emptyDir"))
            .map(Map.Entry::getValue)
            .collect(Collectors.toSet());
    assertThat(writable).containsExactlyInAnyOrder("/tmp", "/var/cache/ci-orchestrator");
    for (String key :
        List.of(
            "ci.executor.kubernetes.work-dir",
            "ci.executor.local.work-dir",
            "ci.forge.local.state-file",
            "ci.forge.local.repos-dir",
            "ci.forge.local.tokens-dir",
            "ci.config.cache-dir",
            "ci.artifacts.dir",
            "ci.reports.dir",
            "ci.cache.dir")) {
      String path = settings.getProperty(key);
      assertThat(writable)
          .as("%s=%s lies on a writable volume (the root filesystem is read-only)", key, path)
          .anyMatch(m -> path != null && path.startsWith(m + "/"));
    }
    // one signing key for both replicas, from a Secret, never generated into the pod
    String key = settings.getProperty("ci.signing.key-file");
    assertThat(key).isNotNull();
    String signing =
        mounts.entrySet().stream()
            .filter(m -> key.startsWith(m.getValue() + "/"))
            .map(Map.Entry::getKey)
            .filter(v -> volumes.get(v).containsKey("secret"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(key + " is not on a Secret volume"));
    assertThat(str(volumes.get(signing), "secret", "secretName"))
        .isEqualTo("ci-orchestrator-signing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/base", "k8s/overlays/example", "k8s/overlays/cloudnative-pg"})
  void serviceReachesThePodsAndTheRoleIsRenderedUnchanged(String dir) throws Exception {
    Rendered r = render(dir);
    Map<String, Object> labels =
        map(
            map(map(map(r.get("Deployment").get("spec")).get("template")).get("metadata"))
                .get("labels"));
    Map<String, Object> selector = map(map(r.get("Service").get("spec")).get("selector"));
    assertThat(labels).containsAllEntriesOf(selector);
    assertThat(map(map(r.get("Deployment").get("spec")).get("selector")).get("matchLabels"))
        .isEqualTo(selector);
    assertThat(str(list(map(r.get("Service").get("spec")), "ports").get(0), "targetPort"))
        .isEqualTo("http");
    assertThat(RoleRules.of(r.get("Role"))).isEqualTo(RoleRules.fromFile());
  }

  private static void assertOnlyKnownLeaderElectionKeys(Properties settings) {
    Set<String> known =
        Arrays.stream(LeaderElectionSettings.class.getDeclaredMethods())
            .map(Method::getName)
            .map(n -> "ci.leader-election." + n.replaceAll("([A-Z])", "-$1").toLowerCase())
            .collect(Collectors.toSet());
    Set<String> used = new HashSet<>();
    settings.stringPropertyNames().stream()
        .filter(k -> k.startsWith("ci.leader-election."))
        .forEach(used::add);
    assertThat(known).as("an unknown key under the prefix would fail startup").containsAll(used);
  }

  private static void assertProbe(
      Map<String, Object> c, String probe, String path, Map<String, Object> ports) {
    Map<String, Object> get = map(map(c.get(probe)).get("httpGet"));
    assertThat(get.get("path")).as(probe).isEqualTo(path);
    Object port = get.get("port");
    assertThat(port instanceof String name ? ports.get(name) : port).as(probe).isEqualTo(8080);
  }

  private static String envValue(Map<String, Object> container, String name) {
    return list(container, "env").stream()
        .filter(e -> name.equals(str(e, "name")))
        .map(e -> str(e, "value"))
        .findFirst()
        .orElse(null);
  }

  private static Rendered render(String dir) throws IOException, InterruptedException {
    return new Rendered(Kubectl.kustomize(Path.of(dir)));
  }

  /** The objects of one rendering. */
  record Rendered(List<Map<String, Object>> objects) {
    Map<String, Object> get(String kind) {
      List<Map<String, Object>> found =
          objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
      assertThat(found).as("exactly one " + kind).hasSize(1);
      return found.get(0);
    }

    Map<String, Object> pod() {
      return map(map(map(get("Deployment").get("spec")).get("template")).get("spec"));
    }

    Map<String, Object> container() {
      List<Object> containers = list(pod(), "containers");
      assertThat(containers).hasSize(1);
      return map(containers.get(0));
    }

    Properties settings() throws IOException {
      Properties p = new Properties();
      p.load(new StringReader(str(get("ConfigMap"), "data", "application.properties")));
      return p;
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o, String key) {
    Object v = map(o).get(key);
    assertThat(v).as(key).isInstanceOf(List.class);
    return (List<Object>) v;
  }

  static String str(Object o, String... path) {
    Object v = o;
    for (String key : path) {
      v = map(v).get(key);
    }
    return v == null ? null : v.toString();
  }
}
