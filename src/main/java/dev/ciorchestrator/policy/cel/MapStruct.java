package dev.ciorchestrator.policy.cel;

import dev.cel.common.exceptions.CelAttributeNotFoundException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.common.values.StructValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A value of one of our struct types, backed by an immutable map of already converted fields.
 *
 * <p>Why not hand the planner the map itself: it would then re-walk the whole map, nested lists
 * included, at every field access ({@code CelValueConverter.toRuntimeValue}), which makes {@code
 * jobs.all(j, jobs[j].required)} quadratic and {@code change.files} rules slow on large changes. A
 * {@code CelValue} is taken as it is, and only the field actually selected is converted.
 */
final class MapStruct extends StructValue<String, Map<String, Object>> {
  private static final MapType FIELDS = MapType.create(SimpleType.STRING, SimpleType.DYN);

  private final StructType type;
  private final Map<String, Object> fields;
  private final JobsMap converted;

  MapStruct(StructType type, Map<String, Object> fields) {
    this.type = Objects.requireNonNull(type, "type");
    this.fields = Objects.requireNonNull(fields, "fields");
    this.converted = new JobsMap(FIELDS, fields);
  }

  /**
   * The fields as a map the runtime takes as converted: it unwraps a struct to this value after
   * selecting it ({@code jobs[j]} in {@code jobs[j].required}) and would otherwise walk every
   * field, nested lists included, before the next selection.
   */
  @Override
  public Map<String, Object> value() {
    return converted;
  }

  @Override
  public boolean isZeroValue() {
    return fields.isEmpty();
  }

  @Override
  public CelType celType() {
    return type;
  }

  @Override
  public Object select(String field) {
    Object value = fields.get(field);
    if (value == null) {
      // Bindings always carry every field; only a hand-made test input can lack one.
      throw CelAttributeNotFoundException.of(type.name() + " has no value for '" + field + "'");
    }
    return value;
  }

  @Override
  public Optional<Object> find(String field) {
    return Optional.ofNullable(fields.get(field));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MapStruct that && type.equals(that.type) && fields.equals(that.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type.name(), fields);
  }

  @Override
  public String toString() {
    return type.name() + fields;
  }
}
