package io.kube4j.common.testing.etcd;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a real etcd, injected as an {@link Etcd} parameter into
 * constructors, lifecycle methods and tests.
 *
 * <p>Where it comes from, first match wins: the endpoints in {@code KUBE4J_ETCD_ENDPOINTS}
 * (shared, so each class gets its own key prefix); a Testcontainers container of
 * {@code KUBE4J_ETCD_IMAGE}; an {@code etcd} binary on the PATH started on free loopback ports.
 * With {@code CI=true} and none of them available the tests fail; elsewhere they are skipped,
 * both with a message saying how to get an etcd.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EtcdExtension.class)
public @interface EtcdTest {
}
