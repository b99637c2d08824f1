package dev.ciorchestrator.supply.sbom;

import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.util.LicenseResolver;

/**
 * A declared license: an SPDX license where CycloneDX's resolver knows the text (an id, a name or a
 * common alias), a free-text name otherwise, so an unknown id never makes the SBOM invalid.
 */
final class Licenses {
  private Licenses() {}

  static LicenseChoice of(String text) {
    LicenseChoice resolved = LicenseResolver.resolve(text);
    if (resolved != null) {
      return resolved;
    }
    License license = new License();
    license.setName(text);
    LicenseChoice choice = new LicenseChoice();
    choice.addLicense(license);
    return choice;
  }
}
