package dev.ciorchestrator.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reads a bare repository back with JGit, so tests check what was written, not how. */
final class RepoReader implements AutoCloseable {
  private final Repository repo;

  private RepoReader(Repository repo) {
    this.repo = repo;
  }

  static RepoReader open(Path gitDir) throws IOException {
    if (!Files.isDirectory(gitDir)) {
      throw new IOException("no repository at " + gitDir);
    }
    return new RepoReader(new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build());
  }

  String headTarget() throws IOException {
    return repo.exactRef(Constants.HEAD).getTarget().getName();
  }

  List<String> branches() throws IOException {
    return repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
        .map(r -> r.getName().substring(Constants.R_HEADS.length()))
        .toList();
  }

  String head(String branch) throws IOException {
    return repo.resolve(Constants.R_HEADS + branch).name();
  }

  String parentOf(String branch) throws IOException {
    return commit(branch).getParent(0).name();
  }

  String author(String branch) throws IOException {
    PersonIdent a = commit(branch).getAuthorIdent();
    return a.getName() + " <" + a.getEmailAddress() + ">";
  }

  /** Every file of the branch's tree: path to content. */
  Map<String, String> files(String branch) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(commit(branch).getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        byte[] bytes = repo.open(walk.getObjectId(0)).getBytes();
        files.put(walk.getPathString(), new String(bytes, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  /** Every ref of every repository under {@code reposDir}, to prove a second start wrote none. */
  static Map<String, String> refs(Path reposDir) throws IOException {
    Map<String, String> all = new TreeMap<>();
    for (String name : List.of("demo/hello-go.git", "demo/hello-c.git")) {
      try (RepoReader r = open(reposDir.resolve(name))) {
        for (Ref ref : r.repo.getRefDatabase().getRefs()) {
          all.put(name + " " + ref.getName(), ObjectId.toString(ref.getObjectId()));
        }
      }
    }
    return all;
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  private RevCommit commit(String branch) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(repo.resolve(Constants.R_HEADS + branch));
    }
  }

  @Override
  public void close() {
    repo.close();
  }
}
