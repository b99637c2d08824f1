package dev.ciorchestrator.supply.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistriesTest {
  @Test
  void aMisconfiguredRegistrySaysWhichSettingIsWrong() {
    Registries registries =
        new Registries(
            Map.of(
                "plain", RegistryConfig.of("http://127.0.0.1:5000", false, null, null),
                "nopass", RegistryConfig.of("https://r.example", false, "bot", null),
                "unset", RegistryConfig.of("https://r.example", false, "bot", "NOT_SET_HERE"),
                "ok", RegistryConfig.of("http://127.0.0.1:5000", true, "bot", "REG_PASSWORD")),
            name -> name.equals("REG_PASSWORD") ? "secret" : null);

    assertThatThrownBy(() -> registries.client("nope"))
        .hasMessageContaining(
            "no registry 'nope' (ci.registries.nope.url); configured: [nopass, ok, plain, unset]");
    assertThatThrownBy(() -> registries.client("plain"))
        .hasMessageContaining("set ci.registries.plain.insecure=true");
    assertThatThrownBy(() -> registries.client("nopass"))
        .hasMessageContaining("ci.registries.nopass.username is set but password-env is not");
    assertThatThrownBy(() -> registries.client("unset"))
        .hasMessageContaining("names NOT_SET_HERE, which is unset");
    assertThat(registries.client("ok").base()).isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(registries.host("ok")).isEqualTo("127.0.0.1:5000");
    assertThat(OciRefs.branchTag("refs/heads/feature/x")).isEqualTo("feature-x");
    assertThat(OciRefs.referrersTag("sha256:abc")).isEqualTo("sha256-abc");
  }
}
