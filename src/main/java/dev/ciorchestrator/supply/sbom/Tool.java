package dev.ciorchestrator.supply.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short query command (dpkg) with a time limit and a bounded output. */
final class Tool {
  private static final int MAX_OUTPUT = 1024 * 1024;
  private static final long TIMEOUT_SECONDS = 30;

  private Tool() {}

  /** What happened: exit code and standard output (cut at 1 MiB). */
  record Result(int exit, String out) {}

  static Result run(List<String> command) throws IOException {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out;
    try (InputStream in = process.getInputStream()) {
      out = in.readNBytes(MAX_OUTPUT);
      in.transferTo(OutputSink.INSTANCE);
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " took over " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Drains what is past the bound, so the command never blocks on a full pipe. */
  private static final class OutputSink extends java.io.OutputStream {
    static final OutputSink INSTANCE = new OutputSink();

    @Override
    public void write(int b) {
      // dropped
    }

    @Override
    public void write(byte[] b, int off, int len) {
      // dropped
    }
  }
}
