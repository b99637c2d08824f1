package dev.ciorchestrator.run;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the current leader answers HTTP, kept in the shared store: a replica records its own
 * address when it starts leading, and a follower looks it up to forward a write it may not do
 * itself. A store no other replica shares knows no leader.
 */
public interface LeaderDirectory {
  /** A leader and the base URL it advertised ({@code http://host:port}). */
  record Leader(String identity, String url) {}

  /** Nobody to ask: the file store is this replica's alone. */
  LeaderDirectory NONE =
      new LeaderDirectory() {
        @Override
        public void publish(Leader leader) {}

        @Override
        public Optional<Leader> leader() {
          return Optional.empty();
        }
      };

  /** Records {@code leader} as the one that leads from now on. */
  void publish(Leader leader) throws IOException;

  /** The leader that published last, if any did. */
  Optional<Leader> leader() throws IOException;
}
