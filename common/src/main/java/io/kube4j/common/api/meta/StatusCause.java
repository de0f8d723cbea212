package io.kube4j.common.api.meta;

/**
 * One reason a request failed, for a field when there is one ({@code spec.containers[0].name}).
 * Reasons are Kubernetes' CauseType strings: {@code FieldValueRequired}, {@code FieldValueInvalid},
 * {@code FieldValueDuplicate}, {@code FieldValueNotSupported}, {@code FieldValueForbidden},
 * {@code FieldValueTooLong}, {@code FieldValueTypeInvalid}, {@code FieldImmutable} is spelled
 * {@code FieldValueInvalid} with an "is immutable" message, as Kubernetes does.
 */
public record StatusCause(String reason, String message, String field) {

    public static StatusCause required(String field) {
        return new StatusCause("FieldValueRequired", "Required value", field);
    }

    public static StatusCause invalid(String field, Object value, String detail) {
        return new StatusCause("FieldValueInvalid", "Invalid value: " + quote(value) + ": " + detail, field);
    }

    public static StatusCause forbidden(String field, String detail) {
        return new StatusCause("FieldValueForbidden", "Forbidden: " + detail, field);
    }

    public static StatusCause notSupported(String field, Object value, String detail) {
        return new StatusCause("FieldValueNotSupported", "Unsupported value: " + quote(value) + ": " + detail, field);
    }

    public static StatusCause tooLong(String field, int max) {
        return new StatusCause("FieldValueTooLong", "Too long: may not be more than " + max + " bytes", field);
    }

    public static StatusCause duplicate(String field, Object value) {
        return new StatusCause("FieldValueDuplicate", "Duplicate value: " + quote(value), field);
    }

    /** The "field: message" form Kubernetes joins into the Status message. */
    public String describe() {
        return field == null || field.isEmpty() ? message : field + ": " + message;
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
