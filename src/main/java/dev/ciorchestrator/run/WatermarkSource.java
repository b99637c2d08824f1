package dev.ciorchestrator.run;

import java.io.IOException;

/**
 * Opens the {@link Watermarks} as stored now: a new leader opens them at the start of its term, so
 * it continues from the previous leader's last save.
 */
@FunctionalInterface
public interface WatermarkSource {
  Watermarks open() throws IOException;
}
