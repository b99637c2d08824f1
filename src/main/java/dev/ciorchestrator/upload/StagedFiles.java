package dev.ciorchestrator.upload;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.jgit.util.FileUtils;

/**
 * A run's staged rows written out as the folder {@link RunUploads} would hold ({@code workspace/},
 * {@code log}), for the take-in, which reads a workspace. Chunks stream through a cursor in offset
 * order, a few rows at a time; every path is checked again on the way out ({@link UploadPaths}).
 */
final class StagedFiles {
  private static final int ROWS_AT_ONCE = 4; // chunks are at most ci.intake.max-body-size each

  private final Connection c;
  private final Path run;

  /**
   * @param c a connection outside auto-commit, which a cursor needs
   * @param run the folder to write, emptied first (an earlier take-in may have left it)
   */
  StagedFiles(Connection c, Path run) {
    this.c = c;
    this.run = run;
  }

  StagedRun write(String runId) throws SQLException, IOException, UploadRefused {
    clear(run);
    Path workspace = Files.createDirectories(run.resolve(RunUploads.FILES));
    Path log = run.resolve(RunUploads.LOG);
    Optional<StagedRun.Done> done = done(runId);
    boolean logged = false;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT path, data FROM upload_chunks WHERE run_id = ? ORDER BY path, offset_bytes")) {
      s.setFetchSize(ROWS_AT_ONCE);
      s.setString(1, runId);
      try (ResultSet rows = s.executeQuery()) {
        String current = null;
        OutputStream out = null;
        try {
          while (rows.next()) {
            String path = rows.getString(1);
            if (!path.equals(current)) {
              if (out != null) {
                out.close();
              }
              current = path;
              logged |= path.isEmpty();
              out = open(path.isEmpty() ? log : UploadPaths.under(workspace, path));
            }
            out.write(rows.getBytes(2));
          }
        } finally {
          if (out != null) {
            out.close();
          }
        }
      }
    }
    return new StagedRun(workspace, logged ? Optional.of(log) : Optional.empty(), done);
  }

  private Optional<StagedRun.Done> done(String runId) throws SQLException, IOException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT done_exit_code, done_refused, done_modes FROM upload_runs WHERE run_id = ?"
                + " AND done_exit_code IS NOT NULL")) {
      s.setString(1, runId);
      try (ResultSet row = s.executeQuery()) {
        return row.next()
            ? Optional.of(
                new StagedRun.Done(
                    row.getInt(1), row.getString(2), ModesJson.read(row.getString(3))))
            : Optional.empty();
      }
    }
  }

  private static OutputStream open(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.newOutputStream(
        file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  }

  /** Deletes a run's written-out folder, if there is one. */
  static void clear(Path run) throws IOException {
    if (Files.exists(run, LinkOption.NOFOLLOW_LINKS)) {
      FileUtils.delete(run.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
    }
  }
}
