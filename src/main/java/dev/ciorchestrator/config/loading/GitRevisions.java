package dev.ciorchestrator.config.loading;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/** Turns a user's revision (branch, tag, SHA, {@code HEAD}, ref name) into a commit id. */
final class GitRevisions {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._/-]+");
  private static final int LISTED = 20;

  private GitRevisions() {}

  /** Git's own rules, so a revision means here what it means to {@code git rev-parse}. */
  static Optional<ObjectId> resolveLocal(Repository repo, String revision) throws IOException {
    try {
      return Optional.ofNullable(repo.resolve(revision + "^{commit}"));
    } catch (RevisionSyntaxException e) {
      throw new IOException("revision '" + revision + "' is not valid: " + e.getMessage(), e);
    }
  }

  /**
   * The id a remote advertises for {@code revision}, tried in {@code git rev-parse} order so a name
   * that is both a tag and a branch means the same here as in a clone. Annotated tags give their
   * peeled commit when the remote says it.
   */
  static Optional<ObjectId> fromAdvertised(Map<String, Ref> refs, String revision) {
    for (String name :
        List.of(
            revision,
            Constants.R_REFS + revision,
            Constants.R_TAGS + revision,
            Constants.R_HEADS + revision)) {
      Ref ref = refs.get(name);
      if (ref != null && ref.getObjectId() != null) {
        return Optional.of(
            ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId());
      }
    }
    return Optional.empty();
  }

  /** A ref name, as opposed to an expression like {@code main~1} that needs local refs. */
  static boolean isPlainName(String revision) {
    return PLAIN_NAME.matcher(revision).matches();
  }

  static boolean looksLikeSha(String revision) {
    return HEX.matcher(revision).matches();
  }

  /** The commit an id names, peeling annotated tags; empty if the object is not there. */
  static Optional<ObjectId> peelToCommit(Repository repo, ObjectId id) throws IOException {
    if (!repo.getObjectDatabase().has(id)) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo)) {
      return Optional.of(walk.parseCommit(id).copy());
    }
  }

  static IOException notFound(String revision, String where, Collection<Ref> refs) {
    return new IOException(
        "revision '"
            + revision
            + "' not found in "
            + where
            + " (branches: "
            + names(refs, Constants.R_HEADS)
            + "; tags: "
            + names(refs, Constants.R_TAGS)
            + ")");
  }

  static Collection<Ref> localRefs(Repository repo) throws IOException {
    return repo.getRefDatabase().getRefs();
  }

  private static String names(Collection<Ref> refs, String prefix) {
    List<String> names =
        refs.stream()
            .map(Ref::getName)
            .filter(n -> n.startsWith(prefix))
            .map(n -> n.substring(prefix.length()))
            .sorted()
            .toList();
    if (names.isEmpty()) {
      return "none";
    }
    String shown = names.stream().limit(LISTED).collect(Collectors.joining(", "));
    return names.size() > LISTED ? shown + ", … " + (names.size() - LISTED) + " more" : shown;
  }
}
