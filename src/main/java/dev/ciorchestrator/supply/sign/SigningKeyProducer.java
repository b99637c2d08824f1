package dev.ciorchestrator.supply.sign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one signing key of this controller, loaded (or generated) once. */
@ApplicationScoped
public class SigningKeyProducer {
  @Produces
  @Singleton // a final class: no client proxy
  SigningKey key(SigningSettings settings) {
    try {
      return SigningKeys.load(settings.keyFile(), settings.dir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the signing key", e);
    }
  }
}
