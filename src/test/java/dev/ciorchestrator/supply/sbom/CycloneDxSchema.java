package dev.ciorchestrator.supply.sbom;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CycloneDX 1.6 JSON schema as cyclonedx-core-java ships it (with the SPDX and JSF schemas it
 * refers to), loaded from the classpath, never from the network.
 */
public final class CycloneDxSchema {
  private static final String BASE = "http://cyclonedx.org/schema/";
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(
              SpecificationVersion.DRAFT_7,
              builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(BASE, "classpath:")))
          .getSchema(SchemaLocation.of(BASE + "bom-1.6.schema.json"));

  private CycloneDxSchema() {}

  /** Every schema violation of {@code json}; empty when valid. */
  public static List<Error> errors(byte[] json) {
    return SCHEMA.validate(
        new String(json, StandardCharsets.UTF_8), com.networknt.schema.InputFormat.JSON);
  }
}
