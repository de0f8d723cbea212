package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.cache.CachedObject;
import io.kube4j.apiserver.cache.ObjectCodec;
import io.kube4j.apiserver.cache.WatchEvent;
import io.kube4j.apiserver.registry.GenericStore;
import io.kube4j.apiserver.registry.ResourceType;
import io.kube4j.apiserver.table.Tables;
import io.kube4j.common.api.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** kubectl's {@code as=Table} replies for gets, lists and watches. */
public final class TableRenderers {

    public static final String TABLE_MEDIA_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private final Clock clock;

    public TableRenderers(Clock clock) {
        this.clock = clock;
    }

    /** Whether an Accept header asks for a meta.k8s.io Table (kubectl get does; -o json does not). */
    public static boolean wantsTable(String accept) {
        return accept != null && accept.contains("as=Table") && accept.contains("g=meta.k8s.io");
    }

    Reply single(ResourceType type, ObjectNode object, boolean includeObject) {
        ObjectNode table = Tables.table(type, List.of(object), ResourceEndpoint.resourceVersion(object), "",
                includeObject, clock.instant());
        return new Reply(200, TABLE_MEDIA_TYPE, Json.bytes(table));
    }

    Reply list(ResourceType type, GenericStore.ListResult result, boolean includeObject) {
        List<ObjectNode> objects = new ArrayList<>(result.items().size());
        for (CachedObject o : result.items()) {
            objects.add(ObjectCodec.decode(o.json(), o.revision()));
        }
        ObjectNode table = Tables.table(type, objects, result.revision(), result.continueToken(), includeObject, clock.instant());
        return new Reply(200, TABLE_MEDIA_TYPE, Json.bytes(table));
    }

    /** A renderer for one watch stream: each event's object becomes a one-row Table, columns only in the first. */
    EventRenderer renderer(ResourceType type, boolean includeObject) {
        boolean[] first = {true};
        return event -> {
            ObjectNode object = ObjectCodec.decode(event.object().json(), event.revision());
            ObjectNode table = Tables.table(type, List.of(object), event.revision(), "", includeObject, first[0], clock.instant());
            first[0] = false;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("{\"type\":\"" + event.type().name() + "\",\"object\":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(Json.bytes(table));
            out.writeBytes("}\n".getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        };
    }

    static boolean isObjectEvent(WatchEvent event) {
        return event.object() != null;
    }
}
