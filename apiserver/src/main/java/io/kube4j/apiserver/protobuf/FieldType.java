package io.kube4j.apiserver.protobuf;

/** What a field's bytes mean, and so what JSON value they become. */
enum FieldType {
    STRING(true),
    /** Base64 in JSON, as Go's encoding/json writes a []byte. */
    BYTES(true),
    INT32(true),
    INT64(true),
    BOOL(true),
    /** A nested message described by the schema. */
    MESSAGE(false),
    /** util/intstr.IntOrString: a JSON number or string. */
    INT_OR_STRING(false),
    /** api/resource.Quantity: its canonical string. */
    QUANTITY(false),
    /** meta/v1.Time: RFC 3339 to the second. */
    TIME(false),
    /** meta/v1.MicroTime: RFC 3339 with six fractional digits. */
    MICRO_TIME(false),
    /** A message whose field 1 holds raw JSON (runtime.RawExtension, meta/v1.FieldsV1). */
    RAW_JSON(false),
    /** A message whose field 1 is a repeated string (authorization ExtraValue): a JSON array. */
    STRING_LIST(false);

    private final boolean scalar;

    FieldType(boolean scalar) {
        this.scalar = scalar;
    }

    /** Scalars are varints or plain bytes on the wire; the others are length-delimited messages. */
    boolean scalar() {
        return scalar;
    }

    boolean varint() {
        return this == INT32 || this == INT64 || this == BOOL;
    }
}
