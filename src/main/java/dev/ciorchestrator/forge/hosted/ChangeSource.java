package dev.ciorchestrator.forge.hosted;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ChangeTracker} reads from one hosted forge's API; each adapter implements it with its
 * own calls and shapes, and nothing here is forge-specific.
 */
public interface ChangeSource {
  /**
   * One change as a listing shows it: enough to tell whether it changed since it was last read.
   *
   * @param updatedAt the forge's own timestamp text, compared as it is
   * @param headSha the head, when the listing shows it ({@code ""} otherwise)
   * @param open false for a change listed because it was closed or merged since
   */
  record Listed(long number, String updatedAt, String headSha, List<String> labels, boolean open) {
    public Listed {
      labels = List.copyOf(labels);
    }

    boolean sameAs(Listed other) {
      return updatedAt.equals(other.updatedAt)
          && headSha.equals(other.headSha)
          && labels.equals(other.labels);
    }
  }

  /**
   * A listing.
   *
   * @param all every open change of the repository (those left out are closed), or only those
   *     updated since the time asked for, open or not
   */
  record Listing(List<Listed> changes, boolean all) {
    public Listing {
      changes = List.copyOf(changes);
    }
  }

  /**
   * The open changes; or, when {@code since} is given and the forge can list by time, the changes
   * updated since then, open or not. A forge that cannot returns every open change.
   */
  Listing list(String repo, Optional<Instant> since) throws IOException;

  /** The change's facts; empty when it is gone (closed between the listing and this read). */
  Optional<ChangeFacts> read(String repo, Listed listed) throws IOException;

  /** Whether the forge trusts {@code login} on {@code repo} (member, collaborator). */
  boolean trusted(String repo, String login) throws IOException;

  /** Whether the orchestrator marked {@code note}'s requests served (its 👀 reaction). */
  boolean acknowledged(String repo, long change, Note note) throws IOException;

  /** Adds or removes a label on the change. */
  void writeLabel(String repo, long change, String label, boolean present) throws IOException;
}
