package dev.ciorchestrator.executor.kubernetes;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Refuses to start the service with Kubernetes executor settings the API server would refuse in
 * every Job ({@link SettingsCheck}), naming each key. Checked whether or not the executor is
 * enabled: a setting that is wrong is wrong before the day it is first used, and the defaults pass.
 */
@ApplicationScoped
public class KubernetesSettingsStartup {
  void check(
      @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
      KubernetesExecutorSettings settings) {
    RenderOptions.of(settings);
  }
}
