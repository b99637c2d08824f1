package dev.ciorchestrator.supply.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;

/** Package URLs (github.com/package-url/purl-spec) built by the reference library. */
final class Purls {
  private Purls() {}

  /** {@code pkg:golang/golang.org/x/text@v0.3.7}. */
  static String golang(String modulePath, String version) {
    int slash = modulePath.lastIndexOf('/');
    PackageURLBuilder purl =
        PackageURLBuilder.aPackageURL()
            .withType("golang")
            .withName(slash < 0 ? modulePath : modulePath.substring(slash + 1));
    if (slash > 0) {
      purl.withNamespace(modulePath.substring(0, slash));
    }
    if (!version.isEmpty() && !version.equals("(devel)")) {
      purl.withVersion(version);
    }
    return build(purl, modulePath);
  }

  /** {@code pkg:deb/debian/libc6@2.36-9?arch=amd64}. */
  static String deb(String name, String version, String arch) {
    return build(
        PackageURLBuilder.aPackageURL()
            .withType("deb")
            .withNamespace("debian")
            .withName(name)
            .withVersion(version)
            .withQualifier("arch", arch),
        name);
  }

  private static String build(PackageURLBuilder purl, String what) {
    try {
      return purl.build().canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new SbomException(what + ": no valid package URL (" + e.getMessage() + ")");
    }
  }
}
