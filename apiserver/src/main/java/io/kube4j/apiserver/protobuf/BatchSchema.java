package io.kube4j.apiserver.protobuf;

import static io.kube4j.apiserver.protobuf.CoreSchema.OBJECT_REFERENCE;
import static io.kube4j.apiserver.protobuf.MetaSchema.LABEL_SELECTOR;
import static io.kube4j.apiserver.protobuf.MetaSchema.OBJECT_META;
import static io.kube4j.apiserver.protobuf.PodSchema.POD_TEMPLATE_SPEC;

/** k8s.io/api batch/v1: jobs and cron jobs. Pod failure policies are skipped. */
final class BatchSchema {

    private BatchSchema() {
    }

    static void register(Schema.Builder schema) {
        schema.message("batch.Job")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "batch.JobSpec")
                .object(3, "status", "batch.JobStatus");
        schema.message("batch.JobSpec")
                .optInt32(1, "parallelism")
                .optInt32(2, "completions")
                .optInt64(3, "activeDeadlineSeconds")
                .object(4, "selector", LABEL_SELECTOR)
                .optBool(5, "manualSelector")
                .object(6, "template", POD_TEMPLATE_SPEC)
                .optInt32(7, "backoffLimit")
                .optInt32(8, "ttlSecondsAfterFinished")
                .optString(9, "completionMode")
                .optBool(10, "suspend");
        schema.message("batch.JobStatus")
                .objects(1, "conditions", "batch.JobCondition")
                .time(2, "startTime")
                .time(3, "completionTime")
                .int32(4, "active")
                .int32(5, "succeeded")
                .int32(6, "failed")
                .string(7, "completedIndexes")
                .optInt32(9, "ready");
        schema.message("batch.JobCondition")
                .string(1, "type")
                .string(2, "status")
                .time(3, "lastProbeTime")
                .time(4, "lastTransitionTime")
                .string(5, "reason")
                .string(6, "message");

        schema.message("batch.CronJob")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "batch.CronJobSpec")
                .object(3, "status", "batch.CronJobStatus");
        schema.message("batch.CronJobSpec")
                .string(1, "schedule")
                .optInt64(2, "startingDeadlineSeconds")
                .string(3, "concurrencyPolicy")
                .optBool(4, "suspend")
                .object(5, "jobTemplate", "batch.JobTemplateSpec")
                .optInt32(6, "successfulJobsHistoryLimit")
                .optInt32(7, "failedJobsHistoryLimit")
                .optString(8, "timeZone");
        schema.message("batch.JobTemplateSpec")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "batch.JobSpec");
        schema.message("batch.CronJobStatus")
                .objects(1, "active", OBJECT_REFERENCE)
                .time(4, "lastScheduleTime")
                .time(5, "lastSuccessfulTime");

        schema.kind("batch/v1", "Job", "batch.Job")
                .kind("batch/v1", "CronJob", "batch.CronJob");
    }
}
