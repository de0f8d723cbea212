package io.kube4j.controllermanager;

import io.kube4j.common.api.coordination.Lease;
import io.kube4j.common.api.core.Event;
import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.ResourceClient;
import io.kube4j.common.client.events.EventRecorder;
import io.kube4j.common.client.informer.InformerFactory;
import io.kube4j.common.client.leader.LeaderCallbacks;
import io.kube4j.common.client.leader.LeaderElector;
import io.kube4j.controllermanager.util.ControllerMetrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller manager: one API client, shared informers, and the enabled controllers, run
 * while this process holds the Lease {@code kube-system/kube-controller-manager} (or always,
 * without leader election). Losing the lease stops the controllers and ends {@link #awaitStop()}.
 */
public final class ControllerManager implements AutoCloseable {

    public static final String LEASE_NAMESPACE = "kube-system";
    public static final String LEASE_NAME = "kube-controller-manager";
    private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);

    /** Why {@link #awaitStop()} returned. */
    public enum Stop { CLOSED, LOST_LEADERSHIP }

    private final ControllerManagerOptions options;
    private final Clock clock;
    private final ControllerMetrics metrics = new ControllerMetrics();
    private final CompletableFuture<Stop> stopped = new CompletableFuture<>();
    private final List<Controller> running = new ArrayList<>();
    private int stopping;
    private ApiClient api;
    private HealthServer health;
    private LeaderElector elector;
    private InformerFactory informers;
    private EventRecorder events;
    private Thread starter;

    public ControllerManager(ControllerManagerOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /**
     * Connects (failing fast when the apiserver cannot be reached), opens the health port and
     * starts the controllers, at once or once elected.
     */
    public ControllerManager start() throws IOException {
        api = ApiClient.create(options.client().withUserAgent("kube-controller-manager"));
        api.get("/version");
        if (options.securePort() > 0) {
            health = new HealthServer(options.bindAddress(), options.securePort(), () -> !stopped.isDone(), metrics::render);
        }
        if (options.leaderElect()) {
            elector = new LeaderElector(new ResourceClient<>(api, Lease.KIND),
                    options.leaderElection().config(LEASE_NAMESPACE, LEASE_NAME, options.identity()), new LeaderCallbacks() {
                        @Override
                        public void startedLeading() {
                            startControllersAsync();
                        }

                        @Override
                        public void stoppedLeading() {
                            stopControllers();
                            stopped.complete(Stop.LOST_LEADERSHIP);
                        }
                    }, clock);
            elector.start();
        } else {
            startControllersAsync();
        }
        return this;
    }

    /** The port /healthz and /metrics listen on, 0 when disabled. */
    public int healthPort() {
        return health == null ? 0 : health.port();
    }

    public ControllerMetrics metrics() {
        return metrics;
    }

    /** Whether the controllers are running (elected, or not electing), or still finishing a sync. */
    public synchronized boolean isActive() {
        return !running.isEmpty() || stopping > 0;
    }

    private synchronized void startControllersAsync() {
        starter = new Thread(this::startControllers, "controller-manager-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void startControllers() {
        InformerFactory factory = new InformerFactory(api, Duration.ZERO);
        EventRecorder recorder = new EventRecorder(new ResourceClient<>(api, Event.KIND), "kube-controller-manager",
                options.identity(), clock);
        ControllerContext context = new ControllerContext(api, factory, recorder, clock, options.controllerOptions(), metrics);
        List<Controller> controllers = new ArrayList<>();
        for (String name : options.controllers()) {
            Controller controller = Registry.create(name);
            controller.register(context);
            controllers.add(controller);
        }
        synchronized (this) {
            if (stopped.isDone()) {
                factory.close();
                recorder.close();
                return;
            }
            informers = factory;
            events = recorder;
        }
        factory.start();
        try {
            if (!factory.awaitSynced(Duration.ofMinutes(2))) {
                LOG.warn("informers did not sync within 2 minutes; starting the controllers anyway");
            }
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            if (stopped.isDone()) {
                return;
            }
            for (Controller controller : controllers) {
                controller.run(options.controllerOptions().workers());
                running.add(controller);
                LOG.info("started the {} controller", controller.name());
            }
        }
    }

    private void stopControllers() {
        List<Controller> toStop;
        InformerFactory factory;
        EventRecorder recorder;
        synchronized (this) {
            toStop = new ArrayList<>(running);
            running.clear();
            stopping += toStop.size();
            factory = informers;
            recorder = events;
            informers = null;
            events = null;
            if (starter != null) {
                starter.interrupt();
            }
        }
        toStop.forEach(Controller::close);
        synchronized (this) {
            stopping -= toStop.size();
        }
        if (factory != null) {
            factory.close();
        }
        if (recorder != null) {
            recorder.close();
        }
    }

    /** Blocks until {@link #close()} or a lost lease. */
    public Stop awaitStop() throws InterruptedException {
        try {
            return stopped.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        stopped.complete(Stop.CLOSED);
        // stop acting before releasing the lease: a standby starts the moment it is released
        stopControllers();
        if (elector != null) {
            elector.close();
        }
        if (health != null) {
            health.close();
        }
        if (api != null) {
            api.close();
        }
    }
}
