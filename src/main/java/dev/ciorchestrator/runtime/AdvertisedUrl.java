package dev.ciorchestrator.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The base URL other replicas reach this one at ({@code ci.store.advertised-url}), or one derived
 * from where the service listens: its {@code quarkus.http.host}, or this host's address when it
 * listens on every interface (in a pod: the pod's IP, from its own host name).
 */
final class AdvertisedUrl {
  private AdvertisedUrl() {}

  static String of(Optional<String> setting, String httpHost, int port) {
    if (setting.isPresent() && !setting.get().isBlank()) {
      return strip(setting.get().trim());
    }
    String host = httpHost;
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      try {
        host = InetAddress.getLocalHost().getHostAddress();
      } catch (UnknownHostException e) {
        host = "localhost";
      }
    }
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]"; // an IPv6 literal
    }
    return "http://" + host + ":" + port;
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
