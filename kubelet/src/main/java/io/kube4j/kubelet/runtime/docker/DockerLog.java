package io.kube4j.kubelet.runtime.docker;

import io.kube4j.kubelet.runtime.ContainerLog;
import io.kube4j.kubelet.runtime.LogOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A container's output through the daemon's {@code /containers/<id>/logs}, which applies
 * {@code follow}, {@code tail}, {@code since} and {@code timestamps} itself (RFC 3339 with
 * nanoseconds, as Kubernetes prints them); this class takes stdout and stderr out of the
 * multiplexed frames, interleaved as written, and stops after {@code limitBytes}.
 */
final class DockerLog implements ContainerLog {

    private static final Duration READ = Duration.ofMinutes(1);

    private final DockerHttp docker;
    private final String id;

    DockerLog(DockerHttp docker, String id) {
        this.docker = docker;
        this.id = id;
    }

    @Override
    public void copy(LogOptions options, OutputStream out) throws IOException {
        StringBuilder query = new StringBuilder("stdout=1&stderr=1");
        query.append("&follow=").append(options.follow() ? 1 : 0);
        query.append("&timestamps=").append(options.timestamps() ? 1 : 0);
        query.append("&tail=").append(options.tailLines() >= 0 ? Long.toString(options.tailLines()) : "all");
        if (options.since() != null) {
            query.append("&since=").append(options.since().getEpochSecond()).append('.')
                    .append(String.format("%09d", options.since().getNano()));
        }
        long budget = options.limitBytes() >= 0 ? options.limitBytes() : Long.MAX_VALUE;
        try (DockerHttp.Stream reply = docker.open("GET", "/containers/" + id + "/logs?" + query, null,
                options.follow() ? null : READ)) {
            if (reply.code() != 200) {
                throw new IOException("docker: logs of " + id + " answered " + reply.code());
            }
            InputStream in = reply.body();
            byte[] header = new byte[8];
            byte[] buffer = new byte[8192];
            while (budget > 0 && in.readNBytes(header, 0, 8) == 8) {
                long size = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                        | (header[7] & 0xff);
                while (size > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, size));
                    if (n < 0) {
                        return;
                    }
                    size -= n;
                    int send = (int) Math.min(n, budget);
                    out.write(buffer, 0, send);
                    budget -= send;
                }
                out.flush();
            }
            out.flush();
        }
    }
}
