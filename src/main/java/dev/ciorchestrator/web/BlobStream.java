package dev.ciorchestrator.web;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Streams bytes {@code first..last} of a file in small buffers: never the whole file in memory. */
final class BlobStream {
  private static final int BUFFER = 64 * 1024;

  private BlobStream() {}

  static StreamingOutput of(Path file, ByteRange range) {
    return out -> {
      try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
        WritableByteChannel sink = Channels.newChannel(out);
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        long position = range.first();
        long left = range.length();
        while (left > 0) {
          buf.clear().limit((int) Math.min(BUFFER, left));
          int n = in.read(buf, position);
          if (n < 0) {
            throw new IOException("artifact shorter than its size: " + file);
          }
          buf.flip();
          while (buf.hasRemaining()) {
            sink.write(buf);
          }
          position += n;
          left -= n;
        }
      }
    };
  }
}
