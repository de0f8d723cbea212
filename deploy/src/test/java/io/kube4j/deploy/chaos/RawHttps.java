package io.kube4j.deploy.chaos;

import io.kube4j.common.tls.KeyStores;
import io.kube4j.common.tls.Pem;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTP/1.1 over TLS written byte by byte, so a test can send what no well-behaved client would: any
 * method, an unnormalised target, invalid UTF-8, a body that never ends. Keep-alive connections; one
 * request at a time per connection.
 */
final class RawHttps {

    static final int READ_TIMEOUT_MILLIS = 30_000;

    private final int port;
    private final SSLContext ssl;

    RawHttps(int port, SSLContext ssl) {
        this.port = port;
        this.ssl = ssl;
    }

    /** Trusts the PKI's CA; presents {@code identity}'s certificate, or none when it is null. */
    static RawHttps withCertificate(int port, Path pki, String identity) throws Exception {
        KeyManagerFactory keys = null;
        if (identity != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(KeyStores.keyStore(Pem.certificates(pki.resolve(identity + ".crt")),
                    Pem.privateKey(pki.resolve(identity + ".key"))), KeyStores.PASSWORD);
        }
        return new RawHttps(port, context(pki.resolve("ca.crt"), keys));
    }

    /** Trusts {@code caFile}; presents the certificate and key given (possibly from another CA). */
    static RawHttps withKeyPair(int port, Path caFile, Path certificate, Path key) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStores.keyStore(Pem.certificates(certificate), Pem.privateKey(key)), KeyStores.PASSWORD);
        return new RawHttps(port, context(caFile, keys));
    }

    private static SSLContext context(Path caFile, KeyManagerFactory keys) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStores.trustStore(Pem.certificates(caFile)));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** A new TLS connection, handshake done. */
    Connection open() throws IOException {
        SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        socket.startHandshake();
        return new Connection(socket);
    }

    static Request.Builder request(String method, String target) {
        return new Request.Builder(method, target);
    }

    /** What is sent: the head exactly as given (no normalisation) and an optional body. */
    record Request(byte[] head, byte[] body, boolean expectsBody, String description) {

        static final class Builder {
            private final String method;
            private final String target;
            private final List<String[]> headers = new ArrayList<>();
            private byte[] targetBytes;
            private byte[] body;

            Builder(String method, String target) {
                this.method = method;
                this.target = target;
            }

            /** The request target as raw bytes (e.g. invalid UTF-8). */
            Builder targetBytes(byte[] bytes) {
                this.targetBytes = bytes;
                return this;
            }

            /** Adds a header line (a name may repeat). */
            Builder header(String name, String value) {
                headers.add(new String[] {name, value});
                return this;
            }

            Builder body(String contentType, byte[] bytes) {
                if (contentType != null) {
                    header("Content-Type", contentType);
                }
                this.body = bytes;
                return this;
            }

            Builder body(String contentType, String text) {
                return body(contentType, text.getBytes(StandardCharsets.UTF_8));
            }

            Request build() {
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                head.writeBytes((method + " ").getBytes(StandardCharsets.ISO_8859_1));
                head.writeBytes(targetBytes != null ? targetBytes : target.getBytes(StandardCharsets.UTF_8));
                head.writeBytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
                boolean framed = false;
                for (String[] h : headers) {
                    head.writeBytes((h[0] + ": " + h[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
                    framed |= h[0].equalsIgnoreCase("Transfer-Encoding") || h[0].equalsIgnoreCase("Content-Length");
                }
                if (body != null && !framed) {
                    head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String shown = method + " " + (targetBytes != null ? new String(targetBytes, StandardCharsets.ISO_8859_1) : target);
                for (String[] h : headers) {
                    if (h[0].equals("Content-Type")) {
                        shown += " [" + (h[1].length() > 60 ? h[1].substring(0, 60) + "…" : h[1]) + "]";
                    }
                }
                return new Request(head.toByteArray(), body, !method.equals("HEAD"),
                        shown.length() > 200 ? shown.substring(0, 200) + "…" : shown);
            }
        }
    }

    /** A reply: status, headers (lower-case names, first value) and body. */
    record Response(int code, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean closes() {
            return "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
        }
    }

    /** One keep-alive connection. */
    static final class Connection implements AutoCloseable {
        private final SSLSocket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean closed;

        Connection(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }

        SSLSocket socket() {
            return socket;
        }

        boolean usable() {
            return !closed && !socket.isClosed();
        }

        Response send(Request request) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream(request.head().length
                    + (request.body() == null ? 0 : request.body().length));
            all.writeBytes(request.head());
            if (request.body() != null) {
                all.writeBytes(request.body());
            }
            IOException writeFailure = null;
            try {
                out.write(all.toByteArray());
                out.flush();
            } catch (IOException e) {
                // the server may answer (414, 431) and close before it has read all we send: its answer may still be there
                writeFailure = e;
            }
            try {
                return read(request.expectsBody());
            } catch (IOException e) {
                if (writeFailure != null) {
                    writeFailure.addSuppressed(e);
                    throw writeFailure;
                }
                throw e;
            }
        }

        /**
         * Sends {@code head} (which declares a body of {@code length} bytes, or chunked), then streams
         * {@code length} bytes of {@code fill} from another thread while reading the reply here. Returns the
         * reply and how many body bytes had been written when it arrived.
         */
        Streamed sendStreaming(byte[] head, long length, boolean chunked, byte fill) throws Exception {
            out.write(head);
            out.flush();
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                byte[] block = new byte[64 * 1024];
                java.util.Arrays.fill(block, fill);
                try {
                    while (sent.get() < length) {
                        int n = (int) Math.min(block.length, length - sent.get());
                        if (chunked) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            out.write(block, 0, n);
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        } else {
                            out.write(block, 0, n);
                        }
                        sent.addAndGet(n);
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server stopped reading and closed: expected once it has answered
                }
            });
            Response response = read(true);
            long atReply = sent.get();
            close();
            writer.join();
            return new Streamed(response, atReply);
        }

        record Streamed(Response response, long bytesSentBeforeReply) {
        }

        private Response read(boolean expectsBody) throws IOException {
            String status = line();
            if (status == null) {
                closed = true;
                throw new EOFException("the server closed the connection without a reply");
            }
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + status);
            }
            int code = Integer.parseInt(parts[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            byte[] body;
            if (!expectsBody || code == 204 || code == 304 || code / 100 == 1) {
                body = new byte[0];
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked();
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else {
                body = in.readAllBytes();
                closed = true;
            }
            if ("close".equalsIgnoreCase(headers.getOrDefault("connection", ""))) {
                close();
            }
            return new Response(code, headers, body);
        }

        private byte[] chunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                if (sizeLine == null) {
                    throw new EOFException("chunked body ended early");
                }
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
                if (size == 0) {
                    for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                        // trailers are not used
                    }
                    return body.toByteArray();
                }
                body.writeBytes(in.readNBytes(size));
                line();
            }
        }

        /** One CRLF-terminated line as ISO-8859-1, or null at end of stream. */
        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }

        InputStream input() {
            return in;
        }

        OutputStream output() {
            return out;
        }

        @Override
        public void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing twice or after a reset
            }
        }
    }

    static List<String> lines(byte[] text) {
        return new ArrayList<>(new String(text, StandardCharsets.UTF_8).lines().toList());
    }
}
