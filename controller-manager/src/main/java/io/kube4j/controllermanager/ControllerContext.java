package io.kube4j.controllermanager;

import io.kube4j.common.client.ApiClient;
import io.kube4j.common.client.events.EventRecorder;
import io.kube4j.common.client.informer.InformerFactory;
import io.kube4j.controllermanager.util.ControllerMetrics;
import java.time.Clock;

/** What every controller shares: the client, the informers, the event recorder, time, options, metrics. */
public record ControllerContext(ApiClient api, InformerFactory informers, EventRecorder events, Clock clock,
                                ControllerOptions options, ControllerMetrics metrics) {
}
