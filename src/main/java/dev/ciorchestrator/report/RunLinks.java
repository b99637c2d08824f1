package dev.ciorchestrator.report;

/** Where people read a run: the API's log URL under the service's public address. */
public record RunLinks(String baseUrl) {
  public RunLinks {
    baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
  }

  public String log(String runId) {
    return baseUrl + "/api/v1/runs/" + runId + "/log";
  }
}
