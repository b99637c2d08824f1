package dev.ciorchestrator.quality;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.cache.CacheService;
import dev.ciorchestrator.config.model.JobQuality.Reports;
import dev.ciorchestrator.persist.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * What is still to do after each running run: which reports to read, which caches to save under
 * which keys. Kept on disk from the run's start ({@code <dir>/<runId>.json}) as well as in memory,
 * because a run outlives the orchestrator that started it: the one that adopts it after a restart
 * no longer knows its job, and reads this instead. The keys are fixed at the start, before the job
 * could change its key files, so the adopter saves under the same key as the starter would have.
 */
final class InFlight {
  private static final Logger LOG = Logger.getLogger(InFlight.class);
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  // Reports.isEmpty() is written as "empty" too; reading ignores it
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** A run's reports to read and the caches it restored, to save if it succeeds. */
  record Plan(Reports reports, List<CacheService.Planned> caches) {
    Plan {
      reports = reports == null ? Reports.NONE : reports;
      caches = caches == null ? List.of() : List.copyOf(caches);
    }
  }

  private final Path dir;
  private final Map<String, Plan> plans = new ConcurrentHashMap<>();

  InFlight(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    AtomicFiles.sweepOnce(this.dir);
  }

  /** Remembers the plan; a plan that cannot be written is kept in memory only, and said so. */
  void put(String runId, Plan plan) {
    plans.put(runId, plan);
    try {
      AtomicFiles.replace(file(runId), JSON.writeValueAsBytes(plan));
    } catch (IOException e) {
      LOG.warnf(
          "run %s: cannot keep its reports and caches on disk (%s); after a restart they are lost",
          runId, e.getMessage());
    }
  }

  /** The run's plan, from memory or, after a restart, from disk; forgotten on both. */
  Optional<Plan> take(String runId) {
    Plan plan = plans.remove(runId);
    Path file = file(runId);
    try {
      if (plan == null) {
        plan = JSON.readValue(Files.readAllBytes(file), Plan.class);
      }
      Files.deleteIfExists(file);
    } catch (NoSuchFileException e) {
      // nothing was planned for this run: no reports, no caches
    } catch (IOException e) {
      LOG.warnf("run %s: cannot read what to do after it: %s", runId, e.getMessage());
    }
    return Optional.ofNullable(plan);
  }

  private Path file(String runId) {
    if (!RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("not a run id: " + runId);
    }
    return dir.resolve(runId + ".json");
  }
}
