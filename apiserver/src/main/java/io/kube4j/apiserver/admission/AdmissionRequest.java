package io.kube4j.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.auth.UserInfo;
import io.kube4j.apiserver.registry.ResourceType;

/**
 * A write as admission plugins see it.
 *
 * @param subresource "" for the main resource
 * @param object      the object to be stored (mutable in the mutating phase only); null for DELETE
 * @param oldObject   the stored object for UPDATE and DELETE, null for CREATE; never to be changed
 */
public record AdmissionRequest(Operation operation, ResourceType type, String subresource, String namespace,
                               String name, ObjectNode object, ObjectNode oldObject, UserInfo user, boolean dryRun) {

    public enum Operation { CREATE, UPDATE, DELETE }
}
