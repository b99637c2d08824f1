package dev.ciorchestrator.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Bounds the bodies taken in at once: how many are being received, and how many bytes are held from
 * their first byte until their request is answered. A body that finds no room is refused at once
 * (the caller answers 503), so a flood of slow or large bodies costs sockets, never threads or
 * heap. Thread-safe: event loops admit and release concurrently.
 */
public final class IntakeGate {
  private final int maxReads;
  private final long maxBytes;
  private final Clock clock;
  private int reads;
  private long bytes;
  private long refused;
  private Instant fullSince; // null while there is room

  public IntakeGate(int maxReads, long maxBytes, Clock clock) {
    if (maxReads < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("the intake needs room for at least one body");
    }
    this.maxReads = maxReads;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /** What the gate holds now. {@code fullSince} is empty while there is room for another body. */
  public record Load(
      int reads,
      int maxReads,
      long bytes,
      long maxBytes,
      long refused,
      Optional<Instant> fullSince) {}

  /** The outcome of {@link #admit}: a {@link Ticket}, or why there is no room. */
  public sealed interface Admission permits Admitted, Refused {}

  public record Admitted(Ticket ticket) implements Admission {}

  public record Refused(String why) implements Admission {}

  /** Takes a read slot and {@code declared} bytes (0 when the length is not known yet). */
  public synchronized Admission admit(long declared) {
    if (reads >= maxReads) {
      return refuse(reads + " bodies are being received, the most taken at once");
    }
    if (bytes + declared > maxBytes) {
      return refuse(
          "the "
              + declared
              + " bytes declared do not fit in the "
              + (maxBytes - bytes)
              + " bytes of body memory left");
    }
    reads++;
    bytes += declared;
    if (reads == maxReads && fullSince == null) {
      fullSince = clock.instant();
    }
    return new Admitted(new Ticket(declared));
  }

  public synchronized Load load() {
    return new Load(reads, maxReads, bytes, maxBytes, refused, Optional.ofNullable(fullSince));
  }

  /** Whether the gate has had no room for at least {@code after}. */
  public synchronized boolean saturated(Duration after) {
    return fullSince != null && !fullSince.plus(after).isAfter(clock.instant());
  }

  // refuse and release run under the gate's lock
  private Refused refuse(String why) {
    refused++;
    if (fullSince == null) {
      fullSince = clock.instant();
    }
    return new Refused(why);
  }

  private void release(boolean read, long held) {
    reads -= read ? 1 : 0;
    bytes -= held;
    if (reads < maxReads) {
      fullSince = null;
    }
  }

  /** One admitted body's share of the gate; safe to use from any thread. */
  public final class Ticket implements AutoCloseable {
    private boolean reading = true;
    private boolean closed;
    private long held;

    private Ticket(long held) {
      this.held = held;
    }

    /** Reserves {@code more} bytes for a body longer than declared (chunked); false if no room. */
    public boolean grow(long more) {
      synchronized (IntakeGate.this) {
        if (closed) {
          return false;
        }
        if (bytes + more > maxBytes) {
          refuse("body memory is used up");
          return false;
        }
        bytes += more;
        held += more;
        return true;
      }
    }

    /** The bytes this body holds now. */
    public long held() {
      synchronized (IntakeGate.this) {
        return held;
      }
    }

    /** The body is read whole: its read slot is free; its bytes stay held until {@link #close}. */
    public void bodyRead() {
      synchronized (IntakeGate.this) {
        if (reading && !closed) {
          reading = false;
          release(true, 0);
        }
      }
    }

    /** Frees what is still held; later calls do nothing. */
    @Override
    public void close() {
      synchronized (IntakeGate.this) {
        if (!closed) {
          closed = true;
          release(reading, held);
          reading = false;
          held = 0;
        }
      }
    }
  }
}
