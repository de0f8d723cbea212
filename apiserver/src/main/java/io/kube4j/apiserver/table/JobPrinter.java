package io.kube4j.apiserver.table;

import static io.kube4j.apiserver.table.Fields.hasTrueCondition;
import static io.kube4j.apiserver.table.Fields.number;
import static io.kube4j.apiserver.table.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code kubectl get jobs}: NAME STATUS COMPLETIONS DURATION AGE; wide: CONTAINERS IMAGES SELECTOR. */
final class JobPrinter implements RowPrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.NAME,
            Column.text("Status", "Status of the job."),
            Column.text("Completions", "The desired number of successfully finished pods the job should be run with."),
            Column.text("Duration", "Time required to complete the job."),
            Column.AGE,
            Column.wide("Containers", "Names of each container in the template."),
            Column.wide("Images", "Images referenced by each container in the template."),
            Column.wide("Selector", "A label query over pods that should match the pod count."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode job, Instant now) {
        List<String> containers = Fields.containersAndImages(job.at("/spec/template/spec"));
        return List.of(
                text(job, "/metadata/name"),
                status(job),
                completions(job),
                duration(job, now),
                Fields.age(job, now),
                containers.get(0),
                containers.get(1),
                Fields.selector(job.at("/spec/selector")));
    }

    static String status(JsonNode job) {
        if (hasTrueCondition(job, "Complete")) {
            return "Complete";
        } else if (hasTrueCondition(job, "Failed")) {
            return "Failed";
        } else if (!text(job, "/metadata/deletionTimestamp").isEmpty()) {
            return "Terminating";
        } else if (hasTrueCondition(job, "Suspended")) {
            return "Suspended";
        } else if (hasTrueCondition(job, "FailureTarget")) {
            return "FailureTarget";
        } else if (hasTrueCondition(job, "SuccessCriteriaMet")) {
            return "SuccessCriteriaMet";
        }
        return "Running";
    }

    /** {@code succeeded/completions}; without completions {@code n/1}, or {@code n/1 of p} when parallel. */
    static String completions(JsonNode job) {
        long succeeded = number(job, "/status/succeeded");
        JsonNode completions = job.at("/spec/completions");
        if (completions.isNumber()) {
            return succeeded + "/" + completions.asLong();
        }
        long parallelism = number(job, "/spec/parallelism");
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    /** From startTime to completionTime, or to now while running; empty before the job starts. */
    private static String duration(JsonNode job, Instant now) {
        Optional<Instant> start = Fields.time(job, "/status/startTime");
        if (start.isEmpty()) {
            return "";
        }
        Instant end = Fields.time(job, "/status/completionTime").orElse(now);
        return HumanDuration.format(Duration.between(start.get(), end));
    }
}
