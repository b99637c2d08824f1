package dev.ciorchestrator.executor.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD mock API server with what our tests need on top: every request the orchestrator's
 * client makes is recorded (the fake kubelet's are not: it is the cluster, not us), pod logs are
 * served from what the fake kubelet writes, and Job creates can be made to fail. Reusable by the
 * shared executor contract suite.
 */
public final class ApiServer implements AutoCloseable {
  public static final String NAMESPACE = "ci-runs";
  // held, so the level stays: the mock server logs every request at INFO, burying test output
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  static final String KUBELET_AGENT = "fake-kubelet";
  private static final Pattern POD_LOG =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?");
  private static final Pattern CONTAINER = Pattern.compile("container=([^&]+)");

  private final KubernetesMockServer server;
  private final List<ApiRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, StringBuffer> logs = new ConcurrentHashMap<>();
  private final List<String> deleteBodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger jobCreates = new AtomicInteger();
  private volatile int failCode;
  private final AtomicInteger failures = new AtomicInteger();
  private final Config baseConfig;

  public ApiServer() {
    KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    Dispatcher dispatcher =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return handle(request, crud);
          }
        };
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    try (KubernetesClient probe = server.createClient()) {
      baseConfig = probe.getConfiguration();
    }
  }

  private MockResponse handle(RecordedRequest request, KubernetesCrudDispatcher crud) {
    String agent = request.getHeader("User-Agent");
    boolean ours = agent == null || !agent.contains(KUBELET_AGENT);
    ApiRequest seen = ApiRequest.of(request.getMethod(), request.getPath());
    if (ours && seen != null) {
      requests.add(seen);
      if (seen.verb().equals("delete")) {
        deleteBodies.add(request.getUtf8Body());
      }
    }
    if (ours && seen != null && seen.verb().equals("create") && seen.resource().equals("jobs")) {
      jobCreates.incrementAndGet();
      if (failures.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
        return new MockResponse()
            .setResponseCode(failCode)
            .setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"injected failure %d\",\"code\":%d}"
                    .formatted(failCode, failCode));
      }
    }
    Matcher log = POD_LOG.matcher(request.getPath());
    if (log.matches()) {
      Matcher c = CONTAINER.matcher(request.getPath());
      String container = c.find() ? c.group(1) : "";
      StringBuffer text = logs.get(log.group(2) + "/" + container);
      return text == null
          ? new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"code\":404}")
          : new MockResponse().setResponseCode(200).setBody(text.toString());
    }
    return crud.dispatch(request);
  }

  /** The next {@code times} Job creates answer {@code code}, without creating anything. */
  public void failJobCreates(int code, int times) {
    failCode = code;
    failures.set(times);
  }

  /** Job create requests the orchestrator sent, including refused and conflicting ones. */
  public int jobCreates() {
    return jobCreates.get();
  }

  public List<ApiRequest> requests() {
    return List.copyOf(requests);
  }

  /** The bodies (DeleteOptions) of the orchestrator's deletes. */
  public List<String> deleteBodies() {
    return List.copyOf(deleteBodies);
  }

  public Set<ApiRequest> distinctRequests() {
    return Set.copyOf(requests);
  }

  /** Where the fake kubelet writes a container's output. */
  StringBuffer log(String pod, String container) {
    return logs.computeIfAbsent(pod + "/" + container, k -> new StringBuffer());
  }

  /** A client as the orchestrator has one; it does not retry on its own, so ours is tested. */
  public KubernetesClient client() {
    return client("ci-orchestrator-test");
  }

  /** A client that is not recorded: the cluster's own controllers, or a test setting the scene. */
  public KubernetesClient kubeletClient() {
    return client(KUBELET_AGENT);
  }

  private KubernetesClient client(String agent) {
    Config config =
        new ConfigBuilder(baseConfig)
            .withNamespace(NAMESPACE)
            .withRequestRetryBackoffLimit(0)
            .withUserAgent(agent)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** A client for an address where nothing listens: connection refused. */
  public static KubernetesClient unreachableClient(int port) {
    Config config =
        new ConfigBuilder()
            .withMasterUrl("http://127.0.0.1:" + port)
            .withNamespace(NAMESPACE)
            .withRequestRetryBackoffLimit(0)
            .withConnectionTimeout(500)
            .withRequestTimeout(1000)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    server.destroy();
  }
}
