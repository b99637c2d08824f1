/**
 * Micrometer meters for Prometheus ({@code /q/metrics}). Every name starts with {@code
 * ci_orchestrator_}, in base units. Tags are bounded: repository, job and policy names come from
 * the config repository, and the others ({@code trigger}, {@code result}, {@code state}) are enum
 * wire names; a SHA, change number or user is never a tag (the one exception is the single series
 * of {@code ci_orchestrator_config_revision_info}).
 */
package dev.ciorchestrator.metrics;
