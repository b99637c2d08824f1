package dev.ciorchestrator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.testing.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

/** Which of several packaged services on one store leads, by their readiness data. */
final class Replicas {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Replicas() {}

  /** The replica that leads, other than {@code not}, once one does. */
  static ServiceProcess awaitLeader(List<ServiceProcess> replicas, ServiceProcess not)
      throws InterruptedException {
    ServiceProcess[] found = {null};
    ServiceProcess probe = replicas.get(not == replicas.get(0) ? 1 : 0);
    probe.waitFor(
        "a replica leads",
        () -> {
          for (ServiceProcess r : replicas) {
            if (r != not && r.alive() && leads(r)) {
              found[0] = r;
              return true;
            }
          }
          return false;
        });
    return found[0];
  }

  static boolean leads(ServiceProcess r) {
    try {
      HttpResponse<String> ready = r.send(r.request("/q/health/ready").GET().build());
      for (JsonNode check : JSON.readTree(ready.body()).path("checks")) {
        if (check.path("name").asText().equals("leader-election")) {
          return check.path("data").path("leader").asBoolean();
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
