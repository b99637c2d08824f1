package dev.ciorchestrator.k8s;

import static dev.ciorchestrator.k8s.KustomizeRenderTest.list;
import static dev.ciorchestrator.k8s.KustomizeRenderTest.map;
import static dev.ciorchestrator.k8s.KustomizeRenderTest.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The CloudNativePG overlay, rendered by the real {@code kubectl kustomize}, reads the Secret the
 * operator makes for the Cluster's application user by the names the operator gives it
 * (docs/deployment.md "Shared store on Kubernetes" cites where they come from): the Secret {@code
 * <cluster>-app}, made only when {@code spec.bootstrap.initdb.secret} is not set, with the keys
 * {@code username, user, password, dbname, host, port, pgpass, uri, jdbc-uri}. Its {@code host},
 * and so the {@code jdbc-uri} the overlay uses, is the read-write Service {@code <cluster>-rw},
 * which the operator moves to the new primary on a failover.
 */
class CloudNativePgOverlayTest {
  /** The keys of the operator's Secret (cloudnative-pg {@code pkg/specs/secrets.go}). */
  static final Set<String> OPERATOR_KEYS =
      Set.of("username", "user", "password", "dbname", "host", "port", "pgpass", "uri", "jdbc-uri");

  @Test
  void theDatasourceComesFromTheOperatorsAppSecretByItsDocumentedKeys() throws Exception {
    List<Map<String, Object>> objects = Kubectl.kustomize(Path.of("k8s/overlays/cloudnative-pg"));
    Map<String, Object> cluster = one(objects, "Cluster");
    String name = str(cluster, "metadata", "name");
    Map<String, Object> initdb = map(map(map(cluster.get("spec")).get("bootstrap")).get("initdb"));
    assertThat(initdb)
        .as("with its own secret the operator makes no -app Secret")
        .doesNotContainKey("secret");

    Map<String, String> fromAppSecret = new TreeMap<>();
    Map<String, Object> deployment = one(objects, "Deployment");
    Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
    for (Object container : list(pod, "containers")) {
      for (Object e : list(container, "env")) {
        Object from = map(e).get("valueFrom");
        if (from != null && map(from).containsKey("secretKeyRef")) {
          Map<String, Object> ref = map(map(from).get("secretKeyRef"));
          if (str(ref, "name").equals(name + "-app")) {
            fromAppSecret.put(str(e, "name"), str(ref, "key"));
          }
        }
      }
    }
    assertThat(fromAppSecret)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", "jdbc-uri",
                    "QUARKUS_DATASOURCE_PASSWORD", "password",
                    "QUARKUS_DATASOURCE_USERNAME", "username")));
    assertThat(OPERATOR_KEYS).containsAll(fromAppSecret.values());
  }

  private static Map<String, Object> one(List<Map<String, Object>> objects, String kind) {
    List<Map<String, Object>> found =
        objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    assertThat(found).as("exactly one " + kind).hasSize(1);
    return found.get(0);
  }
}
