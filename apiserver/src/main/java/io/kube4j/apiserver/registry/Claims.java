package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an object holds outside its own key: a Service's cluster IP and node ports. The store
 * asks for the claims after validation and just before it writes, undoes them when the write
 * fails, and releases what an object no longer holds once a write or delete has succeeded.
 * Implementations are thread-safe; uniqueness must hold across apiservers sharing the store.
 */
public interface Claims {

    /** Undoes the claims of a write that did not happen. */
    interface Claim {
        void undo();

        Claim NONE = () -> { };
    }

    /**
     * Claims, and fills into {@code object}, what it needs that {@code old} did not already hold.
     *
     * @param old the stored object on update, null on create
     * @throws io.kube4j.common.api.meta.StatusException 422 when a requested value is invalid or taken
     */
    Claim claim(ResourceType type, ObjectNode object, ObjectNode old);

    /** Frees what {@code held} holds and {@code kept} (null after a delete) does not; best effort. */
    void release(ResourceType type, ObjectNode held, ObjectNode kept);

    Claims NONE = new Claims() {
        @Override
        public Claim claim(ResourceType type, ObjectNode object, ObjectNode old) {
            return Claim.NONE;
        }

        @Override
        public void release(ResourceType type, ObjectNode held, ObjectNode kept) {
        }
    };
}
