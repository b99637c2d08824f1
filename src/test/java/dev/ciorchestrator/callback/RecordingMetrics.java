package dev.ciorchestrator.callback;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every metrics call, as {@code result:event}, in order. */
final class RecordingMetrics implements CallbackMetrics {
  final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public void delivered(String event, Duration took) {
    calls.add("delivered:" + event);
  }

  @Override
  public void retried(String event) {
    calls.add("retried:" + event);
  }

  @Override
  public void failed(String event) {
    calls.add("failed:" + event);
  }

  @Override
  public void dropped(String event) {
    calls.add("dropped:" + event);
  }

  long count(String call) {
    return calls.stream().filter(call::equals).count();
  }
}
