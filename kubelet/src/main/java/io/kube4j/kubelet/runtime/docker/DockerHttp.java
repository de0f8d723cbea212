package io.kube4j.kubelet.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 to the Docker Engine API over its Unix socket, one connection per call
 * ({@code Connection: close}), bodies as JSON. Long calls ({@code /wait}, followed logs) hold
 * their own connection; a {@code timeout} closes the connection when it passes, which ends a
 * blocked read. Thread-safe.
 */
final class DockerHttp {

    /** A reply with its whole body. */
    record Reply(int code, byte[] body) {
        JsonNode json() {
            return body.length == 0 ? Json.object() : Json.parse(new String(body, StandardCharsets.UTF_8));
        }

        String message() {
            try {
                return json().path("message").asText(new String(body, StandardCharsets.UTF_8).trim());
            } catch (RuntimeException e) {
                return new String(body, StandardCharsets.UTF_8).trim();
            }
        }
    }

    /** A reply whose body is read as it arrives; closing it closes the connection. */
    record Stream(int code, InputStream body) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private final Path socket;
    private final ScheduledExecutorService timer;

    DockerHttp(Path socket, ScheduledExecutorService timer) {
        this.socket = socket;
        this.timer = timer;
    }

    /** The socket of {@code DOCKER_HOST} ({@code unix://} only), else {@code /var/run/docker.sock}. */
    static Path socketFromEnvironment(String dockerHost) {
        if (dockerHost == null || dockerHost.isBlank()) {
            return Path.of("/var/run/docker.sock");
        }
        URI uri = URI.create(dockerHost.trim());
        if (!"unix".equals(uri.getScheme())) {
            throw new IllegalArgumentException("docker runtime: DOCKER_HOST " + dockerHost
                    + " is not a unix:// socket, the only transport this kubelet speaks");
        }
        return Path.of(uri.getPath());
    }

    Path socket() {
        return socket;
    }

    Reply call(String method, String pathAndQuery, JsonNode body, Duration timeout) throws IOException {
        try (Stream s = open(method, pathAndQuery, body, timeout)) {
            return new Reply(s.code(), s.body().readAllBytes());
        }
    }

    Stream open(String method, String pathAndQuery, JsonNode body, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        ScheduledFuture<?> expiry = timeout == null ? null : timer.schedule(() -> {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already closed
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            byte[] payload = body == null ? new byte[0] : Json.string(body).getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
                    .append("Host: docker\r\nConnection: close\r\nUser-Agent: kube4j-kubelet\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\n");
            }
            if (body != null || method.equals("POST")) {
                head.append("Content-Length: ").append(payload.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = Channels.newOutputStream(channel);
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            String status = line(in);
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("docker: unexpected reply \"" + status + "\" on " + socket);
            }
            int code = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            InputStream content = chunked ? new Chunked(in) : length >= 0 ? new Limited(in, length) : in;
            return new Stream(code, new FilterInputStream(content) {
                @Override
                public void close() throws IOException {
                    if (expiry != null) {
                        expiry.cancel(false);
                    }
                    channel.close();
                }
            });
        } catch (IOException | RuntimeException e) {
            if (expiry != null) {
                expiry.cancel(false);
            }
            channel.close();
            throw e;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                out.write(b);
            }
        }
        if (b < 0 && out.size() == 0) {
            throw new IOException("docker: connection closed mid-reply");
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** A body of known length. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** A {@code Transfer-Encoding: chunked} body. */
    private static final class Chunked extends FilterInputStream {
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            super(in);
        }

        private boolean next() throws IOException {
            if (done) {
                return false;
            }
            if (left == 0) {
                String size = line(in);
                if (size.isEmpty()) {
                    size = line(in); // the CRLF closing the previous chunk
                }
                int semicolon = size.indexOf(';');
                left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (left == 0) {
                    done = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!next()) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (!next()) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
