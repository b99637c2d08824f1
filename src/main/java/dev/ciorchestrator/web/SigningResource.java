package dev.ciorchestrator.web;

import dev.ciorchestrator.supply.sign.Minisign;
import dev.ciorchestrator.supply.sign.SigningKey;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * The controller's public signing key, for whoever verifies what it signed: PEM for {@code openssl}
 * and {@code ci-orchestrator verify --key}, and minisign's form for {@code minisign -V -p}.
 */
@Path("/api/v1/signing")
public class SigningResource {
  private final SigningKey key;

  @Inject
  public SigningResource(SigningKey key) {
    this.key = key;
  }

  @GET
  @Path("/public-key")
  @Produces("application/x-pem-file")
  public String publicKey() {
    return key.publicPem();
  }

  @GET
  @Path("/minisign.pub")
  @Produces("text/plain")
  public String minisignPublicKey() {
    return Minisign.publicKeyFile(key.publicKey());
  }
}
