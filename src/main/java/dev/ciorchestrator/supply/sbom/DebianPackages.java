package dev.ciorchestrator.supply.sbom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves shared library names ({@code libc.so.6}) to the Debian packages that ship them, on the
 * machine that built the artifact: {@code dpkg -S} finds the owner of the file in the machine's
 * library folders, {@code dpkg-query -W} its version and architecture.
 */
final class DebianPackages {
  /** A package that ships linked libraries. */
  record DebPackage(String name, String version, String arch, List<String> libraries) {
    String purl() {
      return "pkg:deb/debian/" + name + "@" + version + "?arch=" + arch;
    }
  }

  /** What was found, and the library names no package owns (vendored, or built by the job). */
  record Resolution(List<DebPackage> packages, List<String> unresolved) {}

  private final Map<String, Optional<String[]>> owners = new LinkedHashMap<>();

  /** Resolves the libraries one ELF file of machine {@code machine} needs. */
  Resolution resolve(List<String> libraries, int machine) throws IOException {
    Map<String, DebPackage> packages = new LinkedHashMap<>();
    List<String> unresolved = new ArrayList<>();
    for (String library : libraries) {
      Optional<String[]> owner = owner(library, machine);
      if (owner.isEmpty()) {
        unresolved.add(library);
        continue;
      }
      String[] p = owner.get();
      DebPackage known = packages.get(p[0]);
      List<String> libs = new ArrayList<>(known == null ? List.of() : known.libraries());
      libs.add(library);
      packages.put(p[0], new DebPackage(p[0], p[1], p[2], List.copyOf(libs)));
    }
    return new Resolution(List.copyOf(packages.values()), List.copyOf(unresolved));
  }

  /** {name, version, arch} of the package owning {@code library}, remembered per library. */
  private Optional<String[]> owner(String library, int machine) throws IOException {
    String key = machine + "/" + library;
    if (!owners.containsKey(key)) {
      owners.put(key, query(library, machine));
    }
    return owners.get(key);
  }

  private static Optional<String[]> query(String library, int machine) throws IOException {
    if (!library.matches("[A-Za-z0-9._+-]+")) {
      return Optional.empty(); // a name with a slash or glob is not a plain soname
    }
    Tool.Result search = Tool.run(List.of("dpkg", "-S", "*/" + library));
    if (search.exit() != 0) {
      return Optional.empty();
    }
    String triplet = triplet(machine);
    String best = null;
    for (String line : search.out().split("\n")) {
      int colon = line.lastIndexOf(": ");
      if (colon < 0 || !line.endsWith("/" + library)) {
        continue;
      }
      String pkg = line.substring(0, colon);
      String path = line.substring(colon + 2);
      if (path.contains("/" + triplet + "/") && !pkg.contains(",")) {
        best = pkg;
        break;
      }
    }
    return best == null ? Optional.empty() : details(best);
  }

  private static Optional<String[]> details(String pkg) throws IOException {
    Tool.Result query =
        Tool.run(
            List.of("dpkg-query", "-W", "-f", "${Package}\t${Version}\t${Architecture}\n", pkg));
    String[] fields = query.out().strip().split("\t");
    return query.exit() == 0 && fields.length == 3 ? Optional.of(fields) : Optional.empty();
  }

  /** Debian's multiarch folder of an ELF machine. */
  private static String triplet(int machine) {
    return switch (machine) {
      case 62 -> "x86_64-linux-gnu";
      case 183 -> "aarch64-linux-gnu";
      case 3 -> "i386-linux-gnu";
      case 40 -> "arm-linux-gnueabihf";
      case 243 -> "riscv64-linux-gnu";
      default -> "unknown-machine-" + machine;
    };
  }
}
