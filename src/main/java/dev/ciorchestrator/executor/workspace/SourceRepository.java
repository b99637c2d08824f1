package dev.ciorchestrator.executor.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * The repository a workspace is built from, opened only to resolve revisions up front: errors name
 * what is missing before anything is written to the target. Nothing here writes to it.
 */
final class SourceRepository implements AutoCloseable {
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{4,40}");

  private final Path dir;
  private final Repository repository;

  private SourceRepository(Path dir, Repository repository) {
    this.dir = dir;
    this.repository = repository;
  }

  static SourceRepository open(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw new IOException("repository folder does not exist: " + abs);
    }
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
    if (Files.exists(abs.resolve(".git"))) {
      builder.setWorkTree(abs.toFile());
    } else if (RepositoryCache.FileKey.isGitRepository(abs.toFile(), FS.DETECTED)) {
      builder.setGitDir(abs.toFile());
    } else {
      throw new IOException("not a Git repository (no .git, not bare): " + abs);
    }
    return new SourceRepository(abs, builder.build());
  }

  /** A branch only: {@code main~1} or a tag as a base would make the merge's meaning unclear. */
  ObjectId branchTip(String branch) throws IOException, UnknownRevisionException {
    String name = branch.startsWith(Constants.R_HEADS) ? branch : Constants.R_HEADS + branch;
    Ref ref = Repository.isValidRefName(name) ? repository.exactRef(name) : null;
    Optional<ObjectId> tip = ref == null ? Optional.empty() : commit(ref.getObjectId().name());
    return tip.orElseThrow(
        () -> new UnknownRevisionException("base branch '" + branch + "' not found in " + dir));
  }

  /** A push run's pushed commit: a branch, or a full SHA when the branch may have moved on. */
  ObjectId branchTipOrSha(String baseRef) throws IOException, UnknownRevisionException {
    if (FULL_SHA.matcher(baseRef).matches()) {
      return commit(baseRef)
          .orElseThrow(
              () -> new UnknownRevisionException("commit " + baseRef + " not found in " + dir));
    }
    return branchTip(baseRef);
  }

  /** Only SHAs: a head given by name could resolve to a branch that moved since the change. */
  ObjectId headCommit(String sha) throws IOException, UnknownRevisionException {
    Optional<ObjectId> id = SHA.matcher(sha).matches() ? commit(sha) : Optional.empty();
    return id.orElseThrow(
        () -> new UnknownRevisionException("head commit " + sha + " not found in " + dir));
  }

  @Override
  public void close() {
    repository.close();
  }

  private Optional<ObjectId> commit(String revision) throws IOException {
    try {
      return Optional.ofNullable(repository.resolve(revision + "^{commit}"));
    } catch (RevisionSyntaxException
        | AmbiguousObjectException
        | MissingObjectException
        | IncorrectObjectTypeException e) {
      // all mean "no such commit" to the caller; an ambiguous abbreviation is fixed by a full SHA
      return Optional.empty();
    }
  }
}
