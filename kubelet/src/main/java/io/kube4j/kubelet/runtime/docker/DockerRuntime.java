package io.kube4j.kubelet.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.common.api.Json;
import io.kube4j.kubelet.runtime.ContainerLog;
import io.kube4j.kubelet.runtime.ContainerRuntime;
import io.kube4j.kubelet.runtime.ContainerSpec;
import io.kube4j.kubelet.runtime.ContainerStartException;
import io.kube4j.kubelet.runtime.ContainerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --container-runtime=docker}: containers of the Docker Engine behind its Unix socket.
 * Each pod gets a sandbox container (the {@code --pod-infra-container-image}, sleeping) that owns
 * the pod's network namespace, as Kubernetes' pause container does; the pod's containers join it
 * ({@code NetworkMode: container:<sandbox>}) and share its IP, which becomes the pod IP. Volumes are
 * bind mounts of the kubelet's volume directories; {@code limits.cpu}/{@code memory} become
 * {@code NanoCpus}/{@code Memory}. Images are never built: {@code IfNotPresent} and {@code Never}
 * use local images, {@code Always} (and a missing image) pulls, which fails as
 * {@code ErrImagePull} when no registry answers.
 *
 * <p>Every container carries labels naming its owner (this kubelet's root directory), pod uid,
 * container name and attempt, so a restarted kubelet adopts them and tests can remove them. The
 * latest two attempts of each container are kept (the older for {@code logs --previous}).
 * {@link #state} asks the daemon each time (one inspect over the socket).
 */
public final class DockerRuntime implements ContainerRuntime {

    static final String OWNER = "io.kube4j.owner";
    static final String POD_UID = "io.kube4j.pod-uid";
    static final String POD = "io.kube4j.pod";
    static final String CONTAINER = "io.kube4j.container";
    static final String ATTEMPT = "io.kube4j.attempt";
    /** The container name of sandboxes (upper case: no Kubernetes container can have it). */
    static final String SANDBOX = "POD";

    private static final Logger LOG = LoggerFactory.getLogger(DockerRuntime.class);
    private static final Duration CALL = Duration.ofSeconds(30);
    private static final Duration PULL = Duration.ofMinutes(5);
    private static final long EXEC_POLL_MILLIS = 50;

    /** One attempt of a container. */
    private record Attempt(String id, int number) {
    }

    private final DockerHttp docker;
    private final String owner;
    private final String sandboxImage;
    private final Clock clock;
    private final Consumer<String> exited;
    private final String version;
    /** Attempts by {@code uid/container}, oldest first (at most two). */
    private final Map<String, List<Attempt>> containers = new ConcurrentHashMap<>();
    /** The pod uids whose sandbox ran at least once, with its container id. */
    private final Map<String, String> sandboxes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("docker-timeout"));
    /** Threads blocked in {@code /wait}, one per running container, reporting its exit. */
    private final ExecutorService waiters = Executors.newCachedThreadPool(daemon("docker-exit-waiter"));

    private DockerRuntime(Path socket, String owner, String sandboxImage, Clock clock, Consumer<String> exited) {
        this.docker = new DockerHttp(socket, timer);
        this.owner = owner;
        this.sandboxImage = sandboxImage;
        this.clock = clock;
        this.exited = exited;
        try {
            DockerHttp.Reply reply = docker.call("GET", "/version", null, CALL);
            if (reply.code() != 200) {
                throw new IOException("GET /version answered " + reply.code() + ": " + reply.message());
            }
            this.version = "docker://" + reply.json().path("Version").asText("unknown");
        } catch (IOException e) {
            timer.shutdownNow();
            throw new UncheckedIOException("docker runtime: no Docker daemon at " + socket + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connects to the daemon and adopts the containers it holds for {@code owner}.
     *
     * @param owner        identifies this kubelet's containers (its root directory)
     * @param sandboxImage the image of pod sandboxes; it must have {@code sleep}
     * @throws UncheckedIOException when no daemon answers on {@code socket}
     */
    public static DockerRuntime open(Path socket, String owner, String sandboxImage, Clock clock, Consumer<String> exited) {
        DockerRuntime runtime = new DockerRuntime(socket, owner, sandboxImage, clock, exited);
        runtime.adopt();
        return runtime;
    }

    /** The daemon's socket: {@code DOCKER_HOST} when it is {@code unix://…}, else {@code /var/run/docker.sock}. */
    public static Path defaultSocket() {
        return DockerHttp.socketFromEnvironment(System.getenv("DOCKER_HOST"));
    }

    private static String key(String podUid, String container) {
        return podUid + "/" + container;
    }

    private void adopt() {
        for (JsonNode c : list(OWNER + "=" + owner)) {
            JsonNode labels = c.path("Labels");
            String uid = labels.path(POD_UID).asText();
            String name = labels.path(CONTAINER).asText();
            String id = c.path("Id").asText();
            if (name.equals(SANDBOX)) {
                sandboxes.put(uid, id);
                continue;
            }
            int number = labels.path(ATTEMPT).asInt(1);
            containers.compute(key(uid, name), (k, old) -> {
                List<Attempt> attempts = new ArrayList<>(old == null ? List.of() : old);
                attempts.add(new Attempt(id, number));
                attempts.sort(Comparator.comparingInt(Attempt::number));
                return attempts;
            });
            if (c.path("State").asText().equals("running")) {
                LOG.info("adopted docker container {} ({} of pod {})", id, name, uid);
                watchExit(uid, id);
            }
        }
    }

    /** The containers with {@code label} (key=value) among this owner's, running or not. */
    private List<JsonNode> list(String label) {
        ObjectNode filters = Json.object();
        ArrayNode labels = filters.putArray("label");
        labels.add(OWNER + "=" + owner);
        if (!label.startsWith(OWNER + "=")) {
            labels.add(label);
        }
        try {
            DockerHttp.Reply reply = docker.call("GET", "/containers/json?all=1&filters=" + encode(Json.string(filters)), null, CALL);
            if (reply.code() != 200) {
                throw new IOException(reply.code() + ": " + reply.message());
            }
            List<JsonNode> out = new ArrayList<>();
            reply.json().forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("docker runtime: cannot list containers: " + e.getMessage(), e);
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Optional<String> sandbox(String podUid, String podKey) throws ContainerStartException {
        String id = sandboxes.get(podUid);
        JsonNode inspected = id == null ? null : inspect(id);
        if (inspected == null) {
            ensureImage(sandboxImage, "IfNotPresent", podKey);
            ObjectNode body = Json.object();
            body.put("Image", sandboxImage);
            body.putArray("Cmd").add("sleep").add("2147483647");
            body.put("Hostname", podKey.substring(podKey.indexOf('/') + 1));
            body.set("Labels", labels(podUid, podKey, SANDBOX, 0));
            body.putObject("HostConfig").put("NetworkMode", "bridge");
            id = create(name(podKey, podUid, SANDBOX, 0), body, podKey);
            sandboxes.put(podUid, id);
            inspected = inspect(id);
        }
        if (inspected == null || !inspected.path("State").path("Running").asBoolean()) {
            startContainer(id, podKey, SANDBOX);
            inspected = inspect(id);
        }
        String ip = inspected == null ? "" : inspected.path("NetworkSettings").path("IPAddress").asText("");
        if (ip.isEmpty()) {
            throw new ContainerStartException("CreateContainerError", "sandbox of pod " + podKey + " has no IP address");
        }
        return Optional.of(ip);
    }

    @Override
    public ContainerState start(ContainerSpec spec) throws ContainerStartException {
        String key = key(spec.podUid(), spec.name());
        Optional<ContainerState> current = state(spec.podUid(), spec.name());
        if (current.isPresent() && current.get().running()) {
            return current.get();
        }
        String sandbox = sandboxes.get(spec.podUid());
        if (sandbox == null) {
            throw new ContainerStartException("CreateContainerError", "pod " + spec.podKey() + " has no sandbox");
        }
        ensureImage(spec.image(), spec.pullPolicy(), spec.podKey());
        int number = current.map(s -> s.attempt() + 1).orElse(1);
        ObjectNode body = Json.object();
        body.put("Image", spec.image());
        if (!spec.command().isEmpty()) {
            spec.command().forEach(body.putArray("Entrypoint")::add);
        }
        if (!spec.args().isEmpty()) {
            spec.args().forEach(body.putArray("Cmd")::add);
        }
        ArrayNode env = body.putArray("Env");
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        if (spec.workingDir() != null) {
            body.put("WorkingDir", spec.workingDir());
        }
        body.set("Labels", labels(spec.podUid(), spec.podKey(), spec.name(), number));
        ObjectNode host = body.putObject("HostConfig");
        host.put("NetworkMode", "container:" + sandbox);
        ArrayNode binds = host.putArray("Binds");
        for (ContainerSpec.Mount m : spec.mounts()) {
            binds.add(m.hostPath() + ":" + m.containerPath() + (m.readOnly() ? ":ro" : ""));
        }
        if (spec.limits().milliCpu() > 0) {
            host.put("NanoCpus", spec.limits().milliCpu() * 1_000_000L);
        }
        if (spec.limits().memoryBytes() > 0) {
            host.put("Memory", spec.limits().memoryBytes());
        }
        String id = create(name(spec.podKey(), spec.podUid(), spec.name(), number), body, spec.podKey());
        try {
            startContainer(id, spec.podKey(), spec.name());
        } catch (ContainerStartException e) {
            remove(id);
            throw e;
        }
        List<Attempt> dropped = new ArrayList<>();
        containers.compute(key, (k, old) -> {
            List<Attempt> attempts = new ArrayList<>(old == null ? List.of() : old);
            attempts.add(new Attempt(id, number));
            while (attempts.size() > 2) {
                dropped.add(attempts.remove(0));
            }
            return attempts;
        });
        dropped.forEach(a -> remove(a.id()));
        watchExit(spec.podUid(), id);
        return state(spec.podUid(), spec.name()).orElseThrow(() -> new ContainerStartException("RunContainerError",
                "container \"" + spec.name() + "\" of pod " + spec.podKey() + " vanished after it started"));
    }

    private ObjectNode labels(String podUid, String podKey, String container, int attempt) {
        ObjectNode labels = Json.object();
        labels.put(OWNER, owner);
        labels.put(POD_UID, podUid);
        labels.put(POD, podKey);
        labels.put(CONTAINER, container);
        labels.put(ATTEMPT, Integer.toString(attempt));
        return labels;
    }

    /** {@code k4j_<container>_<pod>_<namespace>_<uid>_<attempt>}, like the kubelet's dockershim names. */
    private static String name(String podKey, String podUid, String container, int attempt) {
        int slash = podKey.indexOf('/');
        return "k4j_" + container + "_" + podKey.substring(slash + 1) + "_" + podKey.substring(0, slash) + "_" + podUid
                + "_" + attempt;
    }

    private void ensureImage(String image, String policy, String podKey) throws ContainerStartException {
        boolean present;
        try {
            present = docker.call("GET", "/images/" + image + "/json", null, CALL).code() == 200;
        } catch (IOException e) {
            throw new ContainerStartException("ErrImagePull", "docker: cannot inspect image " + image + ": " + e.getMessage());
        }
        if (policy.equals("Never")) {
            if (!present) {
                throw new ContainerStartException("ErrImageNeverPull", "Container image \"" + image
                        + "\" is not present with pull policy of Never (pod " + podKey + ")");
            }
            return;
        }
        if (present && policy.equals("IfNotPresent")) {
            return;
        }
        pull(image, podKey);
    }

    private void pull(String image, String podKey) throws ContainerStartException {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > slash || image.contains("@");
        String query = "fromImage=" + encode(image) + (tagged ? "" : "&tag=latest");
        try (DockerHttp.Stream reply = docker.open("POST", "/images/create?" + query, null, PULL)) {
            String body = new String(reply.body().readAllBytes(), StandardCharsets.UTF_8);
            if (reply.code() != 200) {
                throw new ContainerStartException("ErrImagePull", "Failed to pull image \"" + image + "\": "
                        + new DockerHttp.Reply(reply.code(), body.getBytes(StandardCharsets.UTF_8)).message());
            }
            for (String line : body.split("\n")) {
                if (line.contains("\"error\"")) {
                    throw new ContainerStartException("ErrImagePull", "Failed to pull image \"" + image + "\": "
                            + Json.parse(line).path("error").asText());
                }
            }
            LOG.info("pulled image {} for pod {}", image, podKey);
        } catch (IOException e) {
            throw new ContainerStartException("ErrImagePull", "Failed to pull image \"" + image + "\": " + e.getMessage());
        }
    }

    private String create(String name, ObjectNode body, String podKey) throws ContainerStartException {
        try {
            DockerHttp.Reply reply = docker.call("POST", "/containers/create?name=" + encode(name), body, CALL);
            if (reply.code() == 409) {
                // left behind by a kubelet that died between create and record: replace it
                docker.call("DELETE", "/containers/" + encode(name) + "?force=1&v=1", null, CALL);
                reply = docker.call("POST", "/containers/create?name=" + encode(name), body, CALL);
            }
            if (reply.code() != 201) {
                throw new ContainerStartException("CreateContainerError", "docker: cannot create " + name + " (pod "
                        + podKey + "): " + reply.message());
            }
            return reply.json().path("Id").asText();
        } catch (IOException e) {
            throw new ContainerStartException("CreateContainerError", "docker: cannot create " + name + ": " + e.getMessage());
        }
    }

    private void startContainer(String id, String podKey, String container) throws ContainerStartException {
        try {
            DockerHttp.Reply reply = docker.call("POST", "/containers/" + id + "/start", null, CALL);
            if (reply.code() != 204 && reply.code() != 304) {
                throw new ContainerStartException("RunContainerError", "container \"" + container + "\" of pod " + podKey
                        + " did not start: " + reply.message());
            }
        } catch (IOException e) {
            throw new ContainerStartException("RunContainerError", "container \"" + container + "\" of pod " + podKey
                    + " did not start: " + e.getMessage());
        }
    }

    /** Reports the container's end to {@code exited}, from a thread blocked in the daemon's {@code /wait}. */
    private void watchExit(String podUid, String id) {
        try {
            waiters.execute(() -> {
                try {
                    docker.call("POST", "/containers/" + id + "/wait?condition=not-running", null, null);
                } catch (IOException e) {
                    if (waiters.isShutdown()) {
                        return;
                    }
                    // the daemon went away or the container was removed: the periodic sync sees the state
                }
                if (!waiters.isShutdown()) {
                    exited.accept(podUid);
                }
            });
        } catch (RejectedExecutionException closing) {
            // closing: the next kubelet adopts the container
        }
    }

    /** The container's inspect document; null when it does not exist. */
    private JsonNode inspect(String id) {
        try {
            DockerHttp.Reply reply = docker.call("GET", "/containers/" + id + "/json", null, CALL);
            return reply.code() == 200 ? reply.json() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("docker runtime: cannot inspect " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ContainerState> state(String podUid, String container) {
        List<Attempt> attempts = containers.get(key(podUid, container));
        if (attempts == null || attempts.isEmpty()) {
            return Optional.empty();
        }
        Attempt latest = attempts.get(attempts.size() - 1);
        JsonNode inspected = inspect(latest.id());
        String id = "docker://" + latest.id();
        if (inspected == null) {
            // removed behind the kubelet's back: as if killed
            Instant now = clock.instant();
            return Optional.of(new ContainerState(container, id, latest.number(), false, 137, now, now));
        }
        JsonNode s = inspected.path("State");
        Instant started = time(s.path("StartedAt").asText()).orElse(clock.instant());
        if (s.path("Running").asBoolean()) {
            return Optional.of(new ContainerState(container, id, latest.number(), true, 0, started, null));
        }
        Instant finished = time(s.path("FinishedAt").asText()).orElse(started);
        return Optional.of(new ContainerState(container, id, latest.number(), false, s.path("ExitCode").asInt(),
                started, finished));
    }

    /** Docker's times; its zero time ({@code 0001-01-01…}) is none. */
    private static Optional<Instant> time(String text) {
        try {
            Instant t = Instant.parse(text);
            return t.isBefore(Instant.EPOCH) ? Optional.empty() : Optional.of(t);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void stop(String podUid, String container, Duration grace) {
        List<Attempt> attempts = containers.get(key(podUid, container));
        if (attempts == null || attempts.isEmpty()) {
            return;
        }
        String id = attempts.get(attempts.size() - 1).id();
        try {
            // the daemon sends the image's stop signal (SIGTERM), and SIGKILL after t seconds
            long seconds = Math.max(0, (grace.toMillis() + 999) / 1000);
            docker.call("POST", "/containers/" + id + "/stop?t=" + seconds, null, grace.plus(CALL));
        } catch (IOException e) {
            LOG.warn("docker: cannot stop container {} of pod {}: {}", container, podUid, e.getMessage());
        }
    }

    /** Through the daemon's exec API: create, start detached, then poll until it ends or the timeout passes. */
    @Override
    public OptionalInt exec(String podUid, String container, List<String> command, Duration timeout)
            throws IOException, InterruptedException {
        List<Attempt> attempts = containers.get(key(podUid, container));
        if (attempts == null || attempts.isEmpty()) {
            throw new IOException("container \"" + container + "\" of pod " + podUid + " has not started");
        }
        ObjectNode create = Json.object();
        command.forEach(create.putArray("Cmd")::add);
        create.put("AttachStdout", false).put("AttachStderr", false);
        DockerHttp.Reply created = docker.call("POST", "/containers/" + attempts.get(attempts.size() - 1).id() + "/exec",
                create, CALL);
        if (created.code() != 201) {
            throw new IOException("docker: cannot exec in " + container + ": " + created.message());
        }
        String exec = created.json().path("Id").asText();
        DockerHttp.Reply started = docker.call("POST", "/exec/" + exec + "/start",
                Json.object().put("Detach", true).put("Tty", false), CALL);
        if (started.code() != 200 && started.code() != 204) {
            throw new IOException("docker: cannot start exec in " + container + ": " + started.message());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode state = docker.call("GET", "/exec/" + exec + "/json", null, CALL).json();
            if (!state.path("Running").asBoolean() && state.hasNonNull("ExitCode")) {
                return OptionalInt.of(state.path("ExitCode").asInt());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("exec in " + container + " did not finish within " + timeout);
            }
            Thread.sleep(EXEC_POLL_MILLIS);
        }
    }

    @Override
    public Set<String> pods() {
        Set<String> uids = ConcurrentHashMap.newKeySet();
        containers.keySet().forEach(k -> uids.add(k.substring(0, k.indexOf('/'))));
        uids.addAll(sandboxes.keySet());
        return uids;
    }

    @Override
    public void removePod(String podUid) {
        for (JsonNode c : list(POD_UID + "=" + podUid)) {
            remove(c.path("Id").asText());
        }
        containers.keySet().removeIf(k -> k.startsWith(podUid + "/"));
        sandboxes.remove(podUid);
    }

    private void remove(String id) {
        try {
            DockerHttp.Reply reply = docker.call("DELETE", "/containers/" + id + "?force=1&v=1", null, CALL);
            if (reply.code() != 204 && reply.code() != 404) {
                LOG.warn("docker: cannot remove container {}: {}", id, reply.message());
            }
        } catch (IOException e) {
            LOG.warn("docker: cannot remove container {}: {}", id, e.getMessage());
        }
    }

    @Override
    public Optional<Path> logFile(String podUid, String container, boolean previous) {
        return Optional.empty();
    }

    @Override
    public Optional<ContainerLog> log(String podUid, String container, boolean previous) {
        List<Attempt> attempts = containers.get(key(podUid, container));
        int index = attempts == null ? -1 : attempts.size() - (previous ? 2 : 1);
        if (index < 0) {
            return Optional.empty();
        }
        return Optional.of(new DockerLog(docker, attempts.get(index).id()));
    }

    @Override
    public void close() {
        waiters.shutdownNow();
        timer.shutdownNow();
        containers.clear();
        sandboxes.clear();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
