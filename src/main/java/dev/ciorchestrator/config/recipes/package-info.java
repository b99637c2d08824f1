/**
 * Recipes: reusable job bodies ({@code kind: Recipe}) that a Job names with {@code uses:} and
 * parameterises with {@code with:}. This package holds what does not depend on YAML: names and
 * their owned prefixes, parameter declarations and checks, and the recipes shipped in the jar. The
 * YAML side (binding, merging a recipe into a job) lives in {@code config.loading}.
 */
package dev.ciorchestrator.config.recipes;
