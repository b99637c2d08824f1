package dev.ciorchestrator.supply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.testing.RequiredTools;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Real Go and C builds for the supply-chain tests. The Go build takes its one dependency from a
 * module proxy in a folder ({@code GOPROXY=file://...}), so {@code go} writes a real go.sum with a
 * real {@code h1:} hash and embeds it in the binary, offline.
 */
public final class Builds {
  public static final String GO_DEP = "example.com/greeting";
  public static final String GO_DEP_VERSION = "v1.2.0";

  private Builds() {}

  /**
   * Builds {@code hello} (a Go program using {@link #GO_DEP}) in {@code dir}; returns the binary.
   */
  public static Path goBinary(Path dir) throws Exception {
    Path go =
        RequiredTools.require(
            "go", "Debian package golang-go: builds the Go binary the SBOM reads");
    Path proxy = dir.resolve("proxy");
    moduleProxy(proxy);
    Path src = Files.createDirectories(dir.resolve("hello"));
    Files.writeString(
        src.resolve("go.mod"),
        "module example.com/hello\n\ngo 1.19\n\nrequire " + GO_DEP + " " + GO_DEP_VERSION + "\n");
    Files.writeString(
        src.resolve("main.go"),
        "package main\n\nimport (\n\t\"fmt\"\n\t\""
            + GO_DEP
            + "\"\n)\n\nfunc main() { fmt.Println(greeting.Hello()) }\n");
    Map<String, String> env =
        Map.of(
            "GOPROXY",
            proxy.toUri().toString().replaceFirst("file:/+", "file:///"),
            "GOFLAGS",
            "-mod=mod",
            "GONOSUMDB",
            "example.com",
            "GOSUMDB",
            "off",
            "GOPATH",
            dir.resolve("gopath").toString(),
            "GOCACHE",
            dir.resolve("gocache").toString(),
            "HOME",
            dir.toString(),
            "CGO_ENABLED",
            "0");
    run(src, env, go.toString(), "mod", "tidy");
    run(src, env, go.toString(), "build", "-o", "hello", ".");
    return src.resolve("hello");
  }

  /** The {@code h1:} hash go.sum holds for {@link #GO_DEP}'s content. */
  public static String goSumHash(Path dir) throws IOException {
    for (String line : Files.readAllLines(dir.resolve("hello/go.sum"))) {
      String[] f = line.split(" ");
      if (f[0].equals(GO_DEP) && f[1].equals(GO_DEP_VERSION)) {
        return f[2];
      }
    }
    throw new AssertionError("go.sum has no content hash of " + GO_DEP);
  }

  /** Builds a C program linking libm with gcc; returns the binary. */
  public static Path cBinary(Path dir) throws Exception {
    Path gcc =
        RequiredTools.require("gcc", "Debian package gcc: builds the C binary the SBOM reads");
    Path src = Files.createDirectories(dir.resolve("c"));
    Files.writeString(
        src.resolve("hello.c"),
        "#include <math.h>\n#include <stdio.h>\nint main(int c, char **v) { printf(\"%f\\n\", sqrt((double) c)); return 0; }\n");
    run(src, Map.of(), gcc.toString(), "-O1", "-o", "hello", "hello.c", "-lm");
    return src.resolve("hello");
  }

  /** Facts of a push run at {@code sha}. */
  public static RunFacts facts(String runId, String sha) {
    return new RunFacts(
        runId,
        "acme/hello",
        "http://localhost:8080/git/acme/hello",
        0,
        "refs/heads/main",
        sha,
        "",
        "build",
        "push",
        "alice",
        "c0ffee",
        "process",
        "",
        "",
        Instant.parse("2026-12-01T10:00:00Z"),
        Instant.parse("2026-12-01T10:01:00Z"),
        List.of());
  }

  private static void moduleProxy(Path proxy) throws IOException {
    Path versions = Files.createDirectories(proxy.resolve(GO_DEP + "/@v"));
    String mod = "module " + GO_DEP + "\n\ngo 1.19\n";
    Files.writeString(versions.resolve("list"), GO_DEP_VERSION + "\n");
    Files.writeString(
        versions.resolve(GO_DEP_VERSION + ".info"),
        "{\"Version\":\"" + GO_DEP_VERSION + "\",\"Time\":\"2026-01-01T00:00:00Z\"}");
    Files.writeString(versions.resolve(GO_DEP_VERSION + ".mod"), mod);
    String prefix = GO_DEP + "@" + GO_DEP_VERSION + "/";
    try (OutputStream out = Files.newOutputStream(versions.resolve(GO_DEP_VERSION + ".zip"));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(prefix + "go.mod"));
      zip.write(mod.getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry(prefix + "greeting.go"));
      zip.write(
          "package greeting\n\nfunc Hello() string { return \"hello\" }\n"
              .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
  }

  /** Runs a command in {@code dir} and returns its output; fails the test if it fails. */
  public static String run(Path dir, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(new ArrayList<>(List.of(command)))
            .directory(dir.toFile())
            .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + ":\n" + out).isZero();
    return out;
  }
}
