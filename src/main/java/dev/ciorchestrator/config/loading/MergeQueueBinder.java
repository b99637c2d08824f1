package dev.ciorchestrator.config.loading;

import dev.ciorchestrator.config.model.MergeQueue;
import java.util.List;
import java.util.Optional;

/** {@code merge.queue} of a Repository; see {@link MergeQueue}. */
final class MergeQueueBinder {
  static final List<String> FIELDS = List.of("maxBatch", "branches");

  private MergeQueueBinder() {}

  /**
   * @param merge the Repository's {@code merge} mapping
   * @param autoMerge its {@code merge.auto}: the queue is how changes merge automatically, so it
   *     needs it
   */
  static MergeQueue bind(Fields merge, boolean autoMerge) {
    if (!merge.has("queue")) {
      return MergeQueue.OFF;
    }
    Fields queue = merge.nested("queue", FIELDS);
    int maxBatch =
        CommonFields.boundedInt(
            queue,
            "maxBatch",
            1,
            MergeQueue.MAX_BATCH_LIMIT,
            MergeQueue.DEFAULT_MAX_BATCH,
            "must be between 1 and " + MergeQueue.MAX_BATCH_LIMIT);
    List<String> branches = CommonFields.globs(queue, "branches");
    if (!autoMerge) {
      Optional<YamlNode> node = merge.value("queue");
      merge
          .problems()
          .add(
              node.map(YamlNode::position).orElse(merge.position()),
              merge.path("queue"),
              "a merge queue merges on its own: it needs merge.auto: true");
    }
    return new MergeQueue(true, maxBatch, branches);
  }
}
