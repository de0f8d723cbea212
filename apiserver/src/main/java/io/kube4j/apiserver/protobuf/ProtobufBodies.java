package io.kube4j.apiserver.protobuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.meta.StatusException;

/**
 * Request bodies in Kubernetes' protobuf encoding ({@code application/vnd.kubernetes.protobuf}),
 * read into the JSON tree the same object has in JSON, so the rest of the server never sees
 * protobuf. kubectl's typed commands ({@code create namespace|configmap|deployment|...},
 * {@code auth can-i}, {@code drain --disable-eviction}) send their bodies this way.
 *
 * <p>A body is the magic {@code k8s\0} followed by a {@code runtime.Unknown}
 * {1: TypeMeta {1: apiVersion, 2: kind}, 2: raw object, 3: contentEncoding, 4: contentType}.
 * Pure functions; safe from any thread.
 */
public final class ProtobufBodies {

    static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
    private static final MessageDecoder DECODER = new MessageDecoder(Schema.KUBERNETES);

    private ProtobufBodies() {
    }

    /**
     * The object a protobuf body holds, with {@code kind} and {@code apiVersion} from its envelope.
     *
     * @throws StatusException 400 when the body is not a well-formed Kubernetes protobuf object;
     *                         415 when its kind is one kube4j has no protobuf schema for
     */
    public static ObjectNode decode(byte[] body) {
        if (body == null || body.length < MAGIC.length || !startsWithMagic(body)) {
            throw StatusException.badRequest("the body of the request is not a Kubernetes protobuf object:"
                    + " it does not start with the prefix \"k8s\\x00\"");
        }
        try {
            return decodeEnvelope(new WireReader(body, MAGIC.length));
        } catch (MalformedProtobufException e) {
            throw StatusException.badRequest("the body of the request is malformed protobuf: " + e.getMessage());
        }
    }

    private static ObjectNode decodeEnvelope(WireReader in) {
        Envelope envelope = Envelope.read(in);
        if (envelope.kind().isEmpty() || envelope.apiVersion().isEmpty()) {
            throw StatusException.badRequest("the protobuf body of the request does not name its kind and apiVersion"
                    + " (got kind \"" + envelope.kind() + "\", apiVersion \"" + envelope.apiVersion() + "\")");
        }
        if (!envelope.contentEncoding().isEmpty()) {
            throw StatusException.unsupportedMediaType("the protobuf body of the request uses the content encoding \""
                    + envelope.contentEncoding() + "\", which kube4j does not read; send the object as application/json");
        }
        MessageSpec spec = Schema.KUBERNETES.kind(envelope.apiVersion(), envelope.kind())
                .orElseThrow(() -> unsupported(envelope.apiVersion(), envelope.kind()));
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("kind", envelope.kind());
        object.put("apiVersion", envelope.apiVersion());
        if (envelope.raw() != null) {
            object.setAll(DECODER.decode(spec, envelope.raw()));
        }
        return object;
    }

    private static StatusException unsupported(String apiVersion, String kind) {
        return StatusException.unsupportedMediaType("kube4j cannot read a " + kind + " (" + apiVersion
                + ") sent as " + MEDIA_TYPE + "; send it as application/json instead, for example with"
                + " \"kubectl create ... --dry-run=client -o json | kubectl create -f -\"");
    }

    private static boolean startsWithMagic(byte[] body) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (body[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** runtime.Unknown; {@code raw} is null when the field is absent. */
    private record Envelope(String apiVersion, String kind, WireReader raw, String contentEncoding) {

        static Envelope read(WireReader in) {
            String apiVersion = "";
            String kind = "";
            WireReader raw = null;
            String contentEncoding = "";
            while (in.hasMore()) {
                int tag = in.readTag();
                int wireType = WireReader.wireType(tag);
                if (wireType != WireReader.LENGTH_DELIMITED) {
                    in.skip(wireType);
                    continue;
                }
                switch (WireReader.fieldNumber(tag)) {
                    case 1 -> {
                        WireReader typeMeta = in.readDelimited();
                        while (typeMeta.hasMore()) {
                            int typeTag = typeMeta.readTag();
                            int number = WireReader.fieldNumber(typeTag);
                            if (WireReader.wireType(typeTag) != WireReader.LENGTH_DELIMITED) {
                                typeMeta.skip(WireReader.wireType(typeTag));
                            } else if (number == 1) {
                                apiVersion = typeMeta.readString();
                            } else if (number == 2) {
                                kind = typeMeta.readString();
                            } else {
                                typeMeta.skip(WireReader.LENGTH_DELIMITED);
                            }
                        }
                    }
                    case 2 -> raw = in.readDelimited();
                    case 3 -> contentEncoding = in.readString();
                    default -> in.skip(wireType);
                }
            }
            return new Envelope(apiVersion, kind, raw, contentEncoding);
        }
    }
}
