package dev.ciorchestrator.forge.github;

import io.smallrye.faulttolerance.CdiSpi;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.FaultTolerance;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.Spi;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.faulttolerance.apiimpl.BasicCircuitBreakerMaintenanceImpl;
import io.smallrye.faulttolerance.apiimpl.BuilderEagerDependencies;
import io.smallrye.faulttolerance.apiimpl.BuilderLazyDependencies;
import io.smallrye.faulttolerance.apiimpl.GuardImpl;
import io.smallrye.faulttolerance.apiimpl.TypedGuardImpl;
import io.smallrye.faulttolerance.core.event.loop.EventLoop;
import io.smallrye.faulttolerance.core.metrics.MeteredOperation;
import io.smallrye.faulttolerance.core.metrics.MetricsProvider;
import io.smallrye.faulttolerance.core.metrics.MetricsRecorder;
import io.smallrye.faulttolerance.core.timer.ThreadTimer;
import io.smallrye.faulttolerance.core.timer.Timer;
import java.lang.reflect.Type;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * SmallRye Fault Tolerance outside a CDI container, for plain unit tests of the adapter: the
 * service gets {@link CdiSpi} (priority 1000, which wins whenever CDI is running); this one, with a
 * lower priority, serves tests that build the adapter by hand. Registered in the test tree's {@code
 * META-INF/services}; it is what the library's own standalone module does.
 */
@SuppressWarnings("removal") // the SPI still declares the FaultTolerance builders; we refuse them
public final class StandaloneGuardSpi implements Spi {
  private static final ExecutorService EXECUTOR =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "ft-standalone");
            t.setDaemon(true);
            return t;
          });
  private static final BasicCircuitBreakerMaintenanceImpl MAINTENANCE =
      new BasicCircuitBreakerMaintenanceImpl();
  private static final Timer TIMER = new ThreadTimer(EXECUTOR);
  private static final BuilderEagerDependencies EAGER = () -> MAINTENANCE;
  private static final BuilderLazyDependencies LAZY =
      new BuilderLazyDependencies() {
        @Override
        public boolean ftEnabled() {
          return true;
        }

        @Override
        public ExecutorService asyncExecutor() {
          return EXECUTOR;
        }

        @Override
        public EventLoop eventLoop() {
          return EventLoop.get();
        }

        @Override
        public Timer timer() {
          return TIMER;
        }

        @Override
        public MetricsProvider metricsProvider() {
          return new MetricsProvider() {
            @Override
            public boolean isEnabled() {
              return false;
            }

            @Override
            public MetricsRecorder create(MeteredOperation operation) {
              return MetricsRecorder.NOOP;
            }
          };
        }
      };

  @Override
  public boolean applies() {
    return true;
  }

  @Override
  public int priority() {
    return 1;
  }

  @Override
  public Guard.Builder newGuardBuilder() {
    return new GuardImpl.BuilderImpl(EAGER, () -> LAZY);
  }

  @Override
  public <T> TypedGuard.Builder<T> newTypedGuardBuilder(Type type) {
    return new TypedGuardImpl.BuilderImpl<>(EAGER, () -> LAZY, type);
  }

  @Override
  public <T, R> FaultTolerance.Builder<T, R> newBuilder(Function<FaultTolerance<T>, R> finish) {
    throw new UnsupportedOperationException("the adapter uses Guard only");
  }

  @Override
  public <T, R> FaultTolerance.Builder<T, R> newAsyncBuilder(
      Class<?> asyncType, Function<FaultTolerance<T>, R> finish) {
    throw new UnsupportedOperationException("the adapter uses Guard only");
  }

  @Override
  public CircuitBreakerMaintenance circuitBreakerMaintenance() {
    return MAINTENANCE;
  }
}
