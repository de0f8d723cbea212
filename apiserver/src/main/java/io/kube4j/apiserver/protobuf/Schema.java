package io.kube4j.apiserver.protobuf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The messages kube4j can decode and the top-level kinds they belong to. Message names carry a
 * short package prefix ({@code core.Container}, {@code apps.DeploymentSpec}) because names repeat
 * across API groups. Immutable and shared.
 */
final class Schema {

    /** Everything the typed commands of kubectl 1.32 send, and the kinds around them. */
    static final Schema KUBERNETES = builder()
            .with(MetaSchema::register)
            .with(CoreSchema::register)
            .with(PodSchema::register)
            .with(VolumeSchema::register)
            .with(AppsSchema::register)
            .with(BatchSchema::register)
            .with(RbacSchema::register)
            .with(AuthSchema::register)
            .with(PolicySchema::register)
            .with(NetworkingSchema::register)
            .build();

    private final Map<String, MessageSpec> messages;
    private final Map<String, String> kinds;
    private final Map<String, String> anyVersionKinds;

    private Schema(Map<String, MessageSpec> messages, Map<String, String> kinds, Map<String, String> anyVersionKinds) {
        this.messages = Map.copyOf(messages);
        this.kinds = Map.copyOf(kinds);
        this.anyVersionKinds = Map.copyOf(anyVersionKinds);
    }

    static Builder builder() {
        return new Builder();
    }

    MessageSpec message(String name) {
        MessageSpec spec = messages.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no message " + name + " in the schema");
        }
        return spec;
    }

    /** The message of a top-level object, if kube4j knows its kind in that version. */
    Optional<MessageSpec> kind(String apiVersion, String kind) {
        String name = kinds.get(apiVersion + " " + kind);
        if (name == null) {
            name = anyVersionKinds.get(kind);
        }
        return Optional.ofNullable(name).map(this::message);
    }

    /** {@code "apps/v1 Deployment"}, sorted; for error messages and tests. */
    Set<String> kinds() {
        return new TreeSet<>(kinds.keySet());
    }

    /** Collects the per-group tables; {@link #build()} checks that every reference resolves. */
    static final class Builder {

        private final List<MessageSpec.Builder> messages = new ArrayList<>();
        private final Map<String, String> kinds = new HashMap<>();
        private final Map<String, String> anyVersionKinds = new HashMap<>();

        Builder with(Consumer<Builder> group) {
            group.accept(this);
            return this;
        }

        MessageSpec.Builder message(String name) {
            MessageSpec.Builder message = new MessageSpec.Builder(name);
            messages.add(message);
            return message;
        }

        Builder kind(String apiVersion, String kind, String message) {
            if (kinds.putIfAbsent(apiVersion + " " + kind, message) != null) {
                throw new IllegalStateException("kind " + apiVersion + " " + kind + " declared twice");
            }
            return this;
        }

        /** A kind accepted whatever its apiVersion says, like DeleteOptions, which every group serves. */
        Builder anyVersionKind(String kind, String message) {
            anyVersionKinds.put(kind, message);
            return this;
        }

        Schema build() {
            Map<String, MessageSpec> built = new HashMap<>();
            for (MessageSpec.Builder message : messages) {
                if (built.put(message.name(), message.build()) != null) {
                    throw new IllegalStateException("message " + message.name() + " declared twice");
                }
            }
            for (MessageSpec spec : built.values()) {
                for (FieldSpec field : spec.fields()) {
                    if (field.message() != null && !built.containsKey(field.message())) {
                        throw new IllegalStateException(spec.name() + "." + field.json() + " refers to the unknown message "
                                + field.message());
                    }
                }
            }
            for (String target : concat(kinds.values(), anyVersionKinds.values())) {
                if (!built.containsKey(target)) {
                    throw new IllegalStateException("a kind refers to the unknown message " + target);
                }
            }
            return new Schema(built, kinds, anyVersionKinds);
        }

        private static List<String> concat(Collection<String> a, Collection<String> b) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }
}
