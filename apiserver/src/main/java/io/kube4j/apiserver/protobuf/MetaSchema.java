package io.kube4j.apiserver.protobuf;

/** k8s.io/apimachinery meta/v1: the metadata every object carries, selectors, delete options. */
final class MetaSchema {

    static final String OBJECT_META = "meta.ObjectMeta";
    static final String LABEL_SELECTOR = "meta.LabelSelector";
    static final String DELETE_OPTIONS = "meta.DeleteOptions";
    static final String CONDITION = "meta.Condition";

    private MetaSchema() {
    }

    static void register(Schema.Builder schema) {
        schema.message(OBJECT_META)
                .string(1, "name")
                .string(2, "generateName")
                .string(3, "namespace")
                .string(4, "selfLink")
                .string(5, "uid")
                .string(6, "resourceVersion")
                .int64(7, "generation")
                .time(8, "creationTimestamp")
                .time(9, "deletionTimestamp")
                .optInt64(10, "deletionGracePeriodSeconds")
                .stringMap(11, "labels")
                .stringMap(12, "annotations")
                .objects(13, "ownerReferences", "meta.OwnerReference")
                .strings(14, "finalizers")
                .objects(17, "managedFields", "meta.ManagedFieldsEntry");
        schema.message("meta.OwnerReference")
                .string(1, "kind")
                .string(3, "name")
                .string(4, "uid")
                .string(5, "apiVersion")
                .optBool(6, "controller")
                .optBool(7, "blockOwnerDeletion");
        schema.message("meta.ManagedFieldsEntry")
                .string(1, "manager")
                .string(2, "operation")
                .string(3, "apiVersion")
                .time(4, "time")
                .string(6, "fieldsType")
                .rawJson(7, "fieldsV1")
                .string(8, "subresource");
        schema.message(LABEL_SELECTOR)
                .stringMap(1, "matchLabels")
                .objects(2, "matchExpressions", "meta.LabelSelectorRequirement");
        schema.message("meta.LabelSelectorRequirement")
                .string(1, "key")
                .string(2, "operator")
                .strings(3, "values");
        schema.message(DELETE_OPTIONS)
                .optInt64(1, "gracePeriodSeconds")
                .object(2, "preconditions", "meta.Preconditions")
                .optBool(3, "orphanDependents")
                .optString(4, "propagationPolicy")
                .strings(5, "dryRun");
        schema.message("meta.Preconditions")
                .optString(1, "uid")
                .optString(2, "resourceVersion");
        schema.message(CONDITION)
                .string(1, "type")
                .string(2, "status")
                .int64(3, "observedGeneration")
                .time(4, "lastTransitionTime")
                .string(5, "reason")
                .string(6, "message");
        // Every group serves DeleteOptions; typed clients label it with the resource's apiVersion.
        schema.anyVersionKind("DeleteOptions", DELETE_OPTIONS);
    }
}
