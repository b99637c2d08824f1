package dev.ciorchestrator.executor.container;

import dev.ciorchestrator.config.model.Job;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job's {@code resources} (Kubernetes quantities, checked by the loader) as engine limits: {@code
 * cpu} becomes {@code --cpus} in cores, {@code memory} becomes {@code --memory} in bytes. A
 * container has no requests, only limits, so what Kubernetes would request is the ceiling here.
 */
final class ResourceFlags {
  private static final Pattern QUANTITY =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");
  private static final Map<String, BigDecimal> SUFFIX =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("m", new BigDecimal("0.001")),
          Map.entry("k", BigDecimal.TEN.pow(3)),
          Map.entry("M", BigDecimal.TEN.pow(6)),
          Map.entry("G", BigDecimal.TEN.pow(9)),
          Map.entry("T", BigDecimal.TEN.pow(12)),
          Map.entry("P", BigDecimal.TEN.pow(15)),
          Map.entry("E", BigDecimal.TEN.pow(18)),
          Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
          Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
          Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
          Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
          Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
          Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

  private ResourceFlags() {}

  /**
   * {@code --cpus 0.5 --memory 536870912} for {@code {cpu: 500m, memory: 512Mi}}; none if unset.
   */
  static List<String> of(Job.Resources resources) {
    List<String> flags = new ArrayList<>();
    if (!resources.cpu().isEmpty()) {
      flags.add("--cpus");
      flags.add(value(resources.cpu()).stripTrailingZeros().toPlainString());
    }
    if (!resources.memory().isEmpty()) {
      flags.add("--memory");
      // whole bytes, rounded up: a limit must never be below what was asked for
      flags.add(value(resources.memory()).setScale(0, RoundingMode.CEILING).toPlainString());
    }
    return flags;
  }

  /** The quantity as a plain number ({@code 1Gi} is 1073741824, {@code 500m} is 0.5). */
  static BigDecimal value(String quantity) {
    Matcher m = QUANTITY.matcher(quantity);
    if (!m.matches()) {
      // the loader rejects these, so only a hand-built Job gets here
      throw new IllegalArgumentException("not a Kubernetes quantity: '" + quantity + "'");
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2) == null ? "" : m.group(2);
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    }
    return number.multiply(SUFFIX.get(suffix));
  }
}
