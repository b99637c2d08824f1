package dev.ciorchestrator.forge;

import java.util.List;

/**
 * Contributes several {@link Forge}s at once, for adapters whose connections are many and named in
 * the settings (every {@code ci.forge.github.<id>}); the service collects these alongside single
 * {@code Forge} beans and keys all of them by {@link Forge#id()}.
 */
public interface ForgeConnections {
  List<Forge> forges();
}
