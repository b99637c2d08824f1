package dev.ciorchestrator.supply.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.BomReference;
import org.cyclonedx.util.introspector.VersionJsonAnnotationIntrospector;
import org.cyclonedx.util.mixin.MixInBomReference;
import org.cyclonedx.util.serializer.CustomSerializerModifier;
import org.cyclonedx.util.serializer.DependencySerializer;
import org.cyclonedx.util.serializer.ExternalReferenceSerializer;
import org.cyclonedx.util.serializer.HashSerializer;
import org.cyclonedx.util.serializer.LicenseChoiceSerializer;
import org.cyclonedx.util.serializer.MetadataSerializer;
import org.cyclonedx.util.serializer.TrimStringSerializer;

/**
 * Writes a CycloneDX {@link Bom} as JSON with cyclonedx-core-java's own serializers and
 * version-aware introspector, as its {@code BomJsonGenerator} sets them up for the parts of the
 * model an SBOM of ours uses. The generator class itself cannot be loaded here: its base class
 * links json-schema-validator 1.x, which this project replaces with 3.x (the tests validate our
 * SBOMs against the schemas the library ships, with 3.x).
 */
final class CycloneDxJson {
  private CycloneDxJson() {}

  static byte[] write(Bom bom, Version version) {
    ObjectMapper mapper = new ObjectMapper();
    mapper.setAnnotationIntrospector(new VersionJsonAnnotationIntrospector(version));
    mapper.addMixIn(BomReference.class, MixInBomReference.class);
    SimpleModule module = new SimpleModule();
    module.addSerializer(new LicenseChoiceSerializer(false, version));
    module.addSerializer(new MetadataSerializer(false, version));
    module.addSerializer(new ExternalReferenceSerializer(version));
    module.addSerializer(new HashSerializer(version));
    module.addSerializer(new TrimStringSerializer());
    module.addSerializer(new DependencySerializer(false, null));
    module.setSerializerModifier(new CustomSerializerModifier(false, version));
    mapper.registerModule(module);
    ObjectNode json = mapper.createObjectNode();
    json.put("bomFormat", "CycloneDX");
    json.put("specVersion", version.getVersionString());
    ObjectNode body = mapper.valueToTree(bom);
    body.remove("bomFormat");
    body.remove("specVersion");
    json.setAll(body);
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new SbomException("CycloneDX could not write the SBOM: " + e.getMessage());
    }
  }
}
