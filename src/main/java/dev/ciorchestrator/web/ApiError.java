package dev.ciorchestrator.web;

/**
 * The body of every 4xx answer of the API: what is wrong and, when one input is to blame, which
 * field ({@code ""} for the request as a whole).
 */
public record ApiError(String error, String field) {}
