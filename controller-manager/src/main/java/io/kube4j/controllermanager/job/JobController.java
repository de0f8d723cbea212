package io.kube4j.controllermanager.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.core.Pod;
import io.kube4j.common.api.meta.OwnerReference;
import io.kube4j.common.client.ApiException;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.informer.Lister;
import io.kube4j.common.client.informer.ResourceEventHandler;
import io.kube4j.controllermanager.Controller;
import io.kube4j.controllermanager.ControllerContext;
import io.kube4j.controllermanager.util.Conditions;
import io.kube4j.controllermanager.util.Expectations;
import io.kube4j.controllermanager.util.Kinds;
import io.kube4j.controllermanager.util.PodControl;
import io.kube4j.controllermanager.util.Result;
import io.kube4j.controllermanager.util.Unstructured;
import io.kube4j.controllermanager.util.Workers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs batch/v1 Jobs to completion: keeps up to {@code parallelism} pods running until
 * {@code completions} succeeded (Complete), or fails the Job after {@code backoffLimit} failed
 * pods or past {@code activeDeadlineSeconds} (Failed); deletes finished Jobs after
 * {@code ttlSecondsAfterFinished}.
 */
public final class JobController implements Controller {

    private ControllerContext context;
    private Lister<Unstructured> jobs;
    private Lister<Pod> pods;
    private ResourceClient<Unstructured> client;
    private PodControl podControl;
    private Expectations expectations;
    private Workers workers;

    @Override
    public String name() {
        return "job";
    }

    @Override
    public void register(ControllerContext context) {
        this.context = context;
        workers = new Workers(name(), this::reconcile, context.metrics());
        client = new ResourceClient<>(context.api(), Kinds.JOB);
        podControl = new PodControl(context.api(), context.events());
        expectations = new Expectations(context.clock());
        var jobInformer = context.informers().informer(Kinds.JOB);
        jobs = jobInformer.lister();
        jobInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Unstructured job) {
                workers.enqueue(job.key());
            }

            @Override
            public void onUpdate(Unstructured oldJob, Unstructured newJob) {
                workers.enqueue(newJob.key());
            }

            @Override
            public void onDelete(Unstructured job) {
                expectations.forget(job.key());
            }
        });
        var podInformer = context.informers().informer(Pod.KIND);
        pods = podInformer.lister();
        podInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                owner(pod).ifPresent(key -> {
                    expectations.creationObserved(key);
                    workers.enqueue(key);
                });
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                owner(newPod).ifPresent(key -> {
                    if (newPod.metadata().isBeingDeleted()) {
                        expectations.deletionObserved(key, newPod.key());
                    }
                    workers.enqueue(key);
                });
            }

            @Override
            public void onDelete(Pod pod) {
                owner(pod).ifPresent(key -> {
                    expectations.deletionObserved(key, pod.key());
                    workers.enqueue(key);
                });
            }
        });
    }

    private static Optional<String> owner(Pod pod) {
        Optional<OwnerReference> ref = pod.metadata().controllerRef();
        return ref.filter(r -> r.kind().equals("Job")).map(r -> pod.metadata().namespace() + "/" + r.name());
    }

    @Override
    public void run(int count) {
        workers.start(count);
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
    }

    Result reconcile(String key) {
        String[] parts = key.split("/", 2);
        Optional<Unstructured> found = jobs.get(parts[0], parts[1]);
        if (found.isEmpty() || found.get().metadata().isBeingDeleted()) {
            return Result.DONE;
        }
        Unstructured job = found.get();
        Instant now = context.clock().instant();
        if (finished(job)) {
            return expireIfDone(job, now);
        }
        String uid = job.metadata().uid();
        List<Pod> owned = pods.list(parts[0]).stream()
                .filter(p -> p.metadata().controllerRef().map(r -> r.uid().equals(uid)).orElse(false)).toList();
        JobCounts counts = JobCounts.of(owned);
        Unstructured copy = job.deepCopy();
        ObjectNode status = copy.status();
        if (!status.has("startTime")) {
            status.put("startTime", Conditions.format(now));
        }
        Instant start = Conditions.time(status.get("startTime")).orElse(now);
        JobSpec spec = JobSpec.of(job);
        Result result = Result.DONE;
        String failure = null;
        if (counts.failed() > spec.backoffLimit()) {
            failure = "BackoffLimitExceeded:Job has reached the specified backoff limit";
        } else if (spec.activeDeadline().isPresent() && !start.plus(spec.activeDeadline().get()).isAfter(now)) {
            failure = "DeadlineExceeded:Job was active longer than specified deadline";
        } else if (spec.activeDeadline().isPresent()) {
            result = Result.after(Duration.between(now, start.plus(spec.activeDeadline().get())));
        }
        int active = counts.active().size();
        if (failure != null) {
            counts.active().forEach(p -> podControl.delete(p, job));
            active = 0;
            String[] reason = failure.split(":", 2);
            Conditions.set(status, "Failed", "True", reason[0], reason[1], now, false);
            result = ttl(job, now);
        } else if (spec.isComplete(counts.succeeded(), active)) {
            counts.active().forEach(p -> podControl.delete(p, job));
            active = 0;
            Conditions.set(status, "Complete", "True", "", "", now, false);
            status.put("completionTime", Conditions.format(now));
            result = ttl(job, now);
        } else if (expectations.satisfied(key)) {
            active = manage(job, key, spec.wantActive(counts.succeeded()), counts.active());
        }
        status.put("active", active);
        status.put("succeeded", counts.succeeded());
        status.put("failed", counts.failed());
        if (!status.equals(job.status())) {
            client.updateStatus(copy);
        }
        return result;
    }

    private int manage(Unstructured job, String key, int want, List<Pod> active) {
        int diff = want - active.size();
        if (diff > 0) {
            expectations.expect(key, diff, Set.of());
            for (int i = 0; i < diff; i++) {
                try {
                    podControl.create(job.spec().path("template"), job);
                } catch (RuntimeException e) {
                    for (int j = i; j < diff; j++) {
                        expectations.creationFailed(key);
                    }
                    throw e;
                }
            }
        } else if (diff < 0) {
            List<Pod> doomed = active.subList(0, -diff);
            expectations.expect(key, 0, Set.copyOf(doomed.stream().map(Pod::key).toList()));
            doomed.forEach(p -> podControl.delete(p, job));
        }
        return want;
    }

    private static boolean finished(Unstructured job) {
        return Conditions.isTrue(job.status(), "Complete") || Conditions.isTrue(job.status(), "Failed");
    }

    private Result ttl(Unstructured job, Instant finishedAt) {
        if (!job.spec().has("ttlSecondsAfterFinished")) {
            return Result.DONE;
        }
        Duration ttl = Duration.ofSeconds(job.spec().path("ttlSecondsAfterFinished").asLong());
        return Result.after(Duration.between(context.clock().instant(), finishedAt.plus(ttl)));
    }

    private Result expireIfDone(Unstructured job, Instant now) {
        if (!job.spec().has("ttlSecondsAfterFinished")) {
            return Result.DONE;
        }
        Instant finishedAt = Conditions.time(job.status().get("completionTime"))
                .or(() -> Conditions.find(job.status(), "Failed").flatMap(c -> Conditions.time(c.get("lastTransitionTime"))))
                .orElse(now);
        Instant expiry = finishedAt.plusSeconds(job.spec().path("ttlSecondsAfterFinished").asLong());
        if (expiry.isAfter(now)) {
            return Result.after(Duration.between(now, expiry));
        }
        ObjectNode options = Json.object().put("propagationPolicy", "Background");
        options.putObject("preconditions").put("uid", job.metadata().uid());
        try {
            client.delete(job.metadata().namespace(), job.metadata().name(), options);
        } catch (ApiException e) {
            if (!e.isConflict()) {
                throw e;
            }
        }
        return Result.DONE;
    }
}
