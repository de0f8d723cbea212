package io.kube4j.apiserver.rest;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The WebSocket form of a watch (what fabric8 opens first): after the upgrade, one text frame per
 * event, pings as keep-alives, and a normal close when the watch ends. Whatever the client sends
 * is ignored; its close or a failure ends the watch.
 */
public final class WebSocketWatch implements Session.Listener.AutoDemanding, WatchOutput {

    private final Consumer<WebSocketWatch> onOpen;
    private volatile Session session;
    private volatile StreamingWatch stream;

    /** @param onOpen starts the watch once the upgrade is complete; it calls {@link #attach} */
    WebSocketWatch(Consumer<WebSocketWatch> onOpen) {
        this.onOpen = onOpen;
    }

    void attach(StreamingWatch stream) {
        this.stream = stream;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        onOpen.accept(this);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end();
    }

    private void end() {
        StreamingWatch s = stream;
        if (s != null) {
            s.abort();
        }
    }

    @Override
    public void write(List<byte[]> events, boolean heartbeat, boolean last, Callback callback) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            callback.failed(new java.io.EOFException("the WebSocket is closed"));
            return;
        }
        Runnable after = () -> {
            if (last) {
                s.close(StatusCode.NORMAL, "watch ended", org.eclipse.jetty.websocket.api.Callback.from(
                        callback::succeeded, callback::failed));
            } else {
                callback.succeeded();
            }
        };
        Runnable afterEvents = heartbeat
                ? () -> s.sendPing(ByteBuffer.allocate(0), org.eclipse.jetty.websocket.api.Callback.from(after, callback::failed))
                : after;
        send(s, events.iterator(), afterEvents, callback);
    }

    /** Frames one after another, each sent when the previous one is written, so their order holds. */
    private static void send(Session s, Iterator<byte[]> events, Runnable then, Callback callback) {
        if (!events.hasNext()) {
            then.run();
            return;
        }
        String text = WatchOutput.frameText(events.next());
        s.sendText(text, org.eclipse.jetty.websocket.api.Callback.from(() -> send(s, events, then, callback),
                callback::failed));
    }

    @Override
    public void abort(Throwable cause) {
        Session s = session;
        if (s != null) {
            s.disconnect();
        }
    }

    @Override
    public void finished() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(StatusCode.NORMAL, "watch ended", org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
    }
}
