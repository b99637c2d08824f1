package dev.ciorchestrator.web;

import dev.ciorchestrator.forge.local.LocalForge;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * The head a new change or a push names: the one given, checked against the repository, or the
 * source branch's tip, as pushing a branch to a forge does. The repository exists: {@link
 * LocalForgeCalls#requireRepo} answered 404 otherwise.
 */
final class SourceHeads {
  private static final Logger LOG = Logger.getLogger(SourceHeads.class);

  private final LocalForge forge;

  SourceHeads(LocalForge forge) {
    this.forge = forge;
  }

  /**
   * @param given the request's {@code head}; null to take the tip of {@code source}
   * @throws ApiException 400 naming {@code head} or {@code source}
   */
  String resolve(String repo, String source, String given) {
    try {
      if (given != null) {
        if (!forge.hasCommit(repo, given)) {
          throw ApiException.badRequest("head " + given + " is not a commit of " + repo, "head");
        }
        return given;
      }
      String tip = forge.branches(repo).get(source);
      if (tip == null) {
        throw ApiException.badRequest(
            "source branch " + source + " does not exist in " + repo, "source");
      }
      return tip;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), "");
    } catch (IOException e) {
      LOG.errorf(e, "cannot read the repository of %s", repo);
      throw new ApiException(
          Status.INTERNAL_SERVER_ERROR, "the local forge could not read " + repo, "");
    }
  }
}
