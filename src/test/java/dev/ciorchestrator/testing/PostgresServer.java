package dev.ciorchestrator.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server (Debian's {@code postgresql} package) in a temporary data folder,
 * listening on loopback only, for one test class or suite: start it once, make a fresh database per
 * test with {@link #newDatabase}, {@link #close} it at the end. Without the binaries the test is
 * skipped, or fails under {@code CI=true} ({@link RequiredTools}). As root it runs as the {@code
 * postgres} user, which PostgreSQL requires.
 */
public final class PostgresServer implements AutoCloseable {
  public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path dir;
  private final int port;
  private final boolean asPostgres;

  private PostgresServer(Path dir, int port, boolean asPostgres) {
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  private static PostgresServer shared;

  /**
   * The one server of this test run, started on first use and stopped when the JVM exits: tests
   * take a new database each ({@link #newDatabase}), so they never see each other's rows.
   */
  public static synchronized PostgresServer shared() throws IOException, InterruptedException {
    if (shared == null) {
      PostgresServer server = start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException e) {
                      System.err.println("cannot stop the test PostgreSQL server: " + e);
                    }
                  }));
      shared = server;
    }
    return shared;
  }

  /** Starts a server in a new folder under {@code java.io.tmpdir}. */
  public static PostgresServer start() throws IOException, InterruptedException {
    if (!Files.isExecutable(BIN.resolve("initdb"))) {
      RequiredTools.missing(
          BIN.resolve("initdb")
              + " is missing (Debian package postgresql: the PostgreSQL run store"
              + " is tested against a real server)");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir =
        Files.createTempDirectory(
            "ci-pg-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    PostgresServer server = new PostgresServer(dir, freePort(), root);
    if (root) {
      server.run("chown", "postgres:postgres", dir.toString());
    }
    Path data = dir.resolve("data");
    server.run(
        BIN.resolve("initdb").toString(),
        "-D",
        data.toString(),
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-sync");
    server.run(
        BIN.resolve("pg_ctl").toString(),
        "-D",
        data.toString(),
        "-l",
        dir.resolve("log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p "
            + server.port
            + " -k "
            + dir
            + " -c listen_addresses=127.0.0.1 -c fsync=off"
            + " -c max_connections=200",
        "start");
    return server;
  }

  /** A new, empty database on this server; its JDBC URL. */
  public String newDatabase() throws SQLException {
    String name = "ci_test_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  /** A data source on the database at {@code url}. */
  public static PGSimpleDataSource dataSource(String url) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser("postgres");
    return ds;
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  /** Stops the server at once and deletes its folder. */
  @Override
  public void close() throws IOException {
    try {
      run(
          BIN.resolve("pg_ctl").toString(),
          "-D",
          dir.resolve("data").toString(),
          "-m",
          "immediate",
          "-w",
          "stop");
      new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping PostgreSQL in " + dir, e);
    }
  }

  private void run(String... argv) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (asPostgres && !argv[0].equals("chown")) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.addAll(List.of(argv));
    Path out = Files.createTempFile("ci-pg-cmd", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
      if (p.exitValue() != 0) {
        throw new IOException(command + " exited " + p.exitValue() + ":\n" + Files.readString(out));
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
