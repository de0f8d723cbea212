/**
 * Work queues for controllers, after client-go's {@code util/workqueue}: three layers, one per
 * file, each adding one ability to the one below.
 *
 * <ol>
 *   <li>{@link io.kube4j.common.client.workqueue.WorkQueue}: a FIFO of keys with de-duplication
 *       and a "processing" set, so one key is never handled by two workers at once;</li>
 *   <li>{@link io.kube4j.common.client.workqueue.DelayingQueue}: adds a key once a delay has
 *       passed ({@code addAfter});</li>
 *   <li>{@link io.kube4j.common.client.workqueue.RateLimitingQueue}: adds a key after the delay a
 *       {@link io.kube4j.common.client.workqueue.RateLimiter} chooses ({@code addRateLimited}).</li>
 * </ol>
 *
 * <p>Event handlers only enqueue keys ({@code namespace/name}); N workers each run this loop:
 * <pre>{@code
 * void runWorker() {
 *     while (true) {
 *         String key;
 *         try {
 *             key = queue.get();
 *         } catch (QueueShutDownException e) {
 *             return;
 *         } catch (InterruptedException e) {
 *             Thread.currentThread().interrupt();
 *             return;
 *         }
 *         try {
 *             sync(key);                  // reads the informer cache, writes through the API
 *             queue.forget(key);          // success: reset the key's backoff
 *         } catch (RuntimeException e) {
 *             queue.addRateLimited(key);  // failure: retry after the key's backoff
 *         } finally {
 *             queue.done(key);            // always, or the key is never handed out again
 *         }
 *     }
 * }
 * }</pre>
 * Build queues and limiters with {@link io.kube4j.common.client.workqueue.WorkQueues} and
 * {@link io.kube4j.common.client.workqueue.RateLimiters}.
 */
package io.kube4j.common.client.workqueue;
