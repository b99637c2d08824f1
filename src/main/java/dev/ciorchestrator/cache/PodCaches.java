package dev.ciorchestrator.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.config.model.JobQuality.Cache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A Kubernetes run's caches, inside its pod, on the cache claim: the same {@link CacheService},
 * {@link CacheStore}, {@link KeyFiles} and {@link Eviction} as the local executors, with the claim
 * as the store's root. {@link #restore} runs in an init container after the checkout (only there
 * are the key files), {@link #save} in a container beside the job's that waits for its exit code.
 * The job's own container never mounts the claim: it gets a copy in its workspace, so an untrusted
 * change cannot reach any other scope's folders.
 */
public final class PodCaches {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * What the controller tells the pod (rendered into the pod spec as JSON).
   *
   * @param scope {@link CacheScope#wire()}
   */
  public record Request(
      String repo,
      String job,
      String toolchain,
      String scope,
      List<Cache> caches,
      long maxBytes,
      Duration maxAge) {
    public Request {
      caches = List.copyOf(caches);
    }

    public String toJson() {
      try {
        return JSON.writeValueAsString(new Wire(this));
      } catch (IOException e) {
        throw new IllegalStateException("a request of strings and numbers always writes", e);
      }
    }

    /**
     * @throws IllegalArgumentException when {@code json} is not a request
     */
    public static Request fromJson(String json) {
      try {
        Request r = JSON.readValue(json, Wire.class).request();
        CacheScope.ofWire(r.scope());
        return r;
      } catch (IOException | NullPointerException e) {
        throw new IllegalArgumentException("not a cache request: " + e.getMessage(), e);
      }
    }
  }

  /** A {@link Request} as JSON: the age in seconds, which Jackson reads without a module. */
  private record Wire(
      String repo,
      String job,
      String toolchain,
      String scope,
      List<Cache> caches,
      long maxBytes,
      long maxAgeSeconds) {
    Wire(Request r) {
      this(
          r.repo(),
          r.job(),
          r.toolchain(),
          r.scope(),
          r.caches(),
          r.maxBytes(),
          r.maxAge().toSeconds());
    }

    Request request() {
      return new Request(
          repo, job, toolchain, scope, caches, maxBytes, Duration.ofSeconds(maxAgeSeconds));
    }
  }

  private final Request request;
  private final CacheService service;

  /**
   * @param events counts what the caches did
   */
  public PodCaches(Request request, Path claim, Clock clock, CacheEvents events)
      throws IOException {
    this.request = request;
    CacheStore store = new CacheStore(claim, clock);
    this.service =
        new CacheService(
            store, new Eviction(store, clock), events, request.maxBytes(), request.maxAge());
  }

  /**
   * Restores into {@code workspace} (trusted scope, or the change's own seeded from the trusted
   * one), writes the keys to {@code plan} for {@link #save}, and evicts past the limits.
   */
  public void restore(Path workspace, Path plan) throws IOException {
    List<CacheService.Planned> planned =
        service.restore(
            new CacheService.Owner(request.repo(), request.job(), request.toolchain()),
            request.caches(),
            CacheScope.ofWire(request.scope()),
            workspace);
    Files.writeString(plan, JSON.writeValueAsString(planned), StandardCharsets.UTF_8);
    service.evict();
  }

  /**
   * Publishes the workspace's cache folders under the keys {@link #restore} fixed, then evicts;
   * only called once the job's exit code is known to be 0.
   */
  public void save(Path workspace, Path plan) throws IOException {
    List<CacheService.Planned> planned =
        JSON.readValue(
            Files.readString(plan, StandardCharsets.UTF_8),
            new TypeReference<List<CacheService.Planned>>() {});
    service.save(request.repo(), request.job(), planned, workspace);
  }
}
