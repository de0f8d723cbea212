package io.kube4j.apiserver.protobuf;

import static io.kube4j.apiserver.protobuf.MetaSchema.LABEL_SELECTOR;
import static io.kube4j.apiserver.protobuf.MetaSchema.OBJECT_META;

/** k8s.io/api rbac/v1: roles, cluster roles and their bindings. */
final class RbacSchema {

    private static final String VERSION = "rbac.authorization.k8s.io/v1";

    private RbacSchema() {
    }

    static void register(Schema.Builder schema) {
        schema.message("rbac.Role")
                .object(1, "metadata", OBJECT_META)
                .objects(2, "rules", "rbac.PolicyRule");
        schema.message("rbac.ClusterRole")
                .object(1, "metadata", OBJECT_META)
                .objects(2, "rules", "rbac.PolicyRule")
                .object(3, "aggregationRule", "rbac.AggregationRule");
        schema.message("rbac.PolicyRule")
                .strings(1, "verbs")
                .strings(2, "apiGroups")
                .strings(3, "resources")
                .strings(4, "resourceNames")
                .strings(5, "nonResourceURLs");
        schema.message("rbac.AggregationRule")
                .objects(1, "clusterRoleSelectors", LABEL_SELECTOR);
        // RoleBinding and ClusterRoleBinding have the same fields.
        schema.message("rbac.Binding")
                .object(1, "metadata", OBJECT_META)
                .objects(2, "subjects", "rbac.Subject")
                .object(3, "roleRef", "rbac.RoleRef");
        schema.message("rbac.Subject")
                .string(1, "kind")
                .string(2, "apiGroup")
                .string(3, "name")
                .string(4, "namespace");
        schema.message("rbac.RoleRef")
                .string(1, "apiGroup")
                .string(2, "kind")
                .string(3, "name");

        schema.kind(VERSION, "Role", "rbac.Role")
                .kind(VERSION, "ClusterRole", "rbac.ClusterRole")
                .kind(VERSION, "RoleBinding", "rbac.Binding")
                .kind(VERSION, "ClusterRoleBinding", "rbac.Binding");
    }
}
