package dev.ciorchestrator.config.review;

import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.webhook.RepoUrls;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which repository on a forge is the config repository, whose changes are reviewed: the one
 * declared by name ({@code ci.config-review.repository}), or else the one the forge clones from
 * where {@code ci.config.repo-url} points, however either address is written (a folder and its
 * {@code file:} URL, {@code https://} and {@code git@host:} forms, with or without credentials).
 *
 * @param declared the repository's name on its forge, when the deployment says it
 * @param repoUrl the config source's address, as the deployment sets it
 */
public record ConfigRepository(Optional<String> declared, String repoUrl) {
  public boolean is(Forge forge, String repo) {
    if (declared.isPresent()) {
      return declared.get().equals(repo);
    }
    return forge.cloneUrl(repo).map(url -> same(url, repoUrl)).orElse(false);
  }

  static boolean same(String a, String b) {
    Optional<Path> pa = folder(a);
    Optional<Path> pb = folder(b);
    if (pa.isPresent() || pb.isPresent()) {
      return pa.isPresent() && pa.equals(pb);
    }
    return RepoUrls.same(a, b);
  }

  /** The folder a local address names, resolved as far as the disk allows; empty for a URL. */
  private static Optional<Path> folder(String address) {
    String a = address.strip();
    try {
      Path p;
      if (a.regionMatches(true, 0, "file:", 0, 5)) {
        p = Path.of(URI.create(a));
      } else if (a.contains("://") || RepoUrls.key(a).isPresent()) {
        return Optional.empty();
      } else {
        p = Path.of(a);
      }
      Path abs = p.toAbsolutePath().normalize();
      return Optional.of(Files.exists(abs) ? abs.toRealPath() : abs);
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty(); // names no folder
    }
  }
}
