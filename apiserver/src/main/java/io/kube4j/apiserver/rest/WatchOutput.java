package io.kube4j.apiserver.rest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Where a {@link StreamingWatch} writes: a chunked HTTP response or a WebSocket. Calls come from
 * one writer at a time; the next {@link #write} is made only after the previous one's callback.
 */
interface WatchOutput {

    /**
     * Sends events, each one complete JSON document ending in a newline.
     *
     * @param heartbeat also send a keep-alive the client ignores
     * @param last      end the stream after these events
     */
    void write(List<byte[]> events, boolean heartbeat, boolean last, Callback callback);

    /** The stream is over, cleanly or not: release the exchange. Called once (or {@link #abort}). */
    void finished();

    /** Drops the connection (or stream) without ending the response cleanly: the client is not reading. */
    void abort(Throwable cause);

    /** The watch API's HTTP form: one JSON line per event in a chunked 200 response. */
    static WatchOutput http(Response response, Callback exchange) {
        return new WatchOutput() {
            @Override
            public void write(List<byte[]> events, boolean heartbeat, boolean last, Callback callback) {
                ByteArrayOutputStream batch = new ByteArrayOutputStream();
                events.forEach(batch::writeBytes);
                if (heartbeat) {
                    batch.write('\n');
                }
                response.write(last, ByteBuffer.wrap(batch.toByteArray()), callback);
            }

            @Override
            public void finished() {
                exchange.succeeded();
            }

            @Override
            public void abort(Throwable cause) {
                // failing a committed response makes Jetty close the connection (HTTP/1.1) or reset the stream (HTTP/2)
                exchange.failed(cause);
            }
        };
    }

    /** Strips the newline that ends an event: a WebSocket frame already delimits it. */
    static String frameText(byte[] event) {
        int length = event.length;
        while (length > 0 && event[length - 1] == '\n') {
            length--;
        }
        return new String(event, 0, length, StandardCharsets.UTF_8);
    }
}
