package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.loading.YamlNode.Mapping;
import dev.ciorchestrator.config.loading.YamlNode.Scalar;

/**
 * A Job with {@code uses:}, bound only once every file is read, since its recipe may be defined in
 * another file.
 *
 * @param index how many of the file's other jobs come before it, to keep the file's order
 */
record PendingJob(Mapping document, Scalar uses, int index) {}
