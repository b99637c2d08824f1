package dev.ciorchestrator.executor.workspace;

import java.nio.file.Path;

/**
 * A built workspace: a working tree with its own {@code .git}, checked out at {@code mergeSha}.
 *
 * @param dir the working tree
 * @param baseSha the base branch tip the workspace was built from
 * @param headSha the change's head commit; equal to {@code baseSha} when no head was given
 * @param mergeSha the commit checked out: the merge of head into base, or {@code baseSha} when
 *     there is nothing to merge
 */
public record Workspace(Path dir, String baseSha, String headSha, String mergeSha) {}
