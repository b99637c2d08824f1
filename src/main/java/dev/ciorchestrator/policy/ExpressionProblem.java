package dev.ciorchestrator.policy;

/**
 * Why an expression does not compile; {@code line} and {@code column} are 1-based positions inside
 * the expression text (0 when the engine cannot say).
 */
public record ExpressionProblem(int line, int column, String message) {}
