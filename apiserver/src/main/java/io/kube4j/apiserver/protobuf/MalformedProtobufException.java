package io.kube4j.apiserver.protobuf;

/**
 * Bytes that are not a well-formed protobuf message, or not the message the schema expects.
 * {@link ProtobufBodies} turns it into a 400; nothing else should see it.
 */
final class MalformedProtobufException extends RuntimeException {

    MalformedProtobufException(String message) {
        super(message, null, false, false);
    }
}
