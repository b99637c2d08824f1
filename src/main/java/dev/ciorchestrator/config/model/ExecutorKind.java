package dev.ciorchestrator.config.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a job's runs execute ({@code executor: process|container|kubernetes}). A job without one
 * uses the deployment's default ({@code ci.executor.default}).
 */
public enum ExecutorKind {
  /** A bash process on the orchestrator's machine. */
  PROCESS("process"),
  /** A Podman or Docker container of the job's {@code image} on the orchestrator's machine. */
  CONTAINER("container"),
  /** A Kubernetes {@code batch/v1} Job. */
  KUBERNETES("kubernetes");

  private final String wire;

  ExecutorKind(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Every wire name, in declaration order, for error messages and the schema. */
  public static List<String> wires() {
    return Arrays.stream(values()).map(ExecutorKind::wire).toList();
  }

  public static Optional<ExecutorKind> ofWire(String wire) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
  }
}
