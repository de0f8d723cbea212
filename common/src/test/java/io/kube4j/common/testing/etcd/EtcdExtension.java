package io.kube4j.common.testing.etcd;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/** Starts (or finds) the etcd of {@link EtcdTest}; stops what it started after the class. */
public final class EtcdExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(EtcdExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        etcd(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Etcd.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return etcd(context);
    }

    private static Etcd etcd(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        Running running = classContext.getStore(NS)
                .getOrComputeIfAbsent("etcd", key -> start(classContext.getRequiredTestClass()), Running.class);
        return running.etcd();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private static Running start(Class<?> testClass) {
        String prefix = "/kube4j-test-" + testClass.getSimpleName().toLowerCase() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        String configured = System.getenv("KUBE4J_ETCD_ENDPOINTS");
        if (configured != null && !configured.isBlank()) {
            List<String> endpoints = Arrays.stream(configured.split(",")).map(String::trim).toList();
            return new Running(new Etcd(endpoints, prefix, "KUBE4J_ETCD_ENDPOINTS"), () -> { });
        }
        StringBuilder tried = new StringBuilder();
        try {
            EtcdContainer container = EtcdContainer.startIfDockerAvailable(tried);
            if (container != null) {
                return new Running(new Etcd(List.of(container.endpoint()), prefix, container.description()), container);
            }
            EtcdProcess process = EtcdProcess.startIfOnPath(tried);
            if (process != null) {
                return new Running(new Etcd(List.of(process.endpoint()), prefix, process.description()), process);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not start a real etcd for " + testClass.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
        String message = "no real etcd for " + testClass.getSimpleName() + " (" + tried
                + "); set KUBE4J_ETCD_ENDPOINTS, start Docker with KUBE4J_ETCD_IMAGE, or install etcd"
                + " (apt-get install -y etcd-server)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        throw new TestAbortedException(message);
    }

    /** What the store keeps: closed by JUnit when the class's context ends. */
    private record Running(Etcd etcd, AutoCloseable stopper)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            stopper.close();
        }
    }
}
