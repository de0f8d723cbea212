package io.kube4j.apiserver.rest;

/** What an endpoint answers: a code, a media type and the encoded body. */
public record Reply(int code, String mediaType, byte[] body) {

    public static final String JSON = "application/json";

    public static Reply json(int code, byte[] body) {
        return new Reply(code, JSON, body);
    }
}
