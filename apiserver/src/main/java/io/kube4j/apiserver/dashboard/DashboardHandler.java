package io.kube4j.apiserver.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the dashboard's static files (built into the jar under {@code ui/}) at {@code /ui/}, ahead of
 * authentication: the page holds no data, every data call it makes goes through the API with the
 * user's bearer token, so RBAC applies to it as to kubectl. Every other path goes to {@code next}.
 */
public final class DashboardHandler extends Handler.Wrapper {

    static final String PREFIX = "/ui/";
    private static final String ROOT = "ui/";
    private static final String POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "mjs", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    private final ClassLoader loader;
    /** The assets found so far (they never change while the process runs); only names that exist are kept. */
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

    public DashboardHandler(Handler next) {
        super(next);
        this.loader = DashboardHandler.class.getClassLoader();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path == null || !(path.equals("/ui") || path.startsWith(PREFIX))) {
            return super.handle(request, response, callback);
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return super.handle(request, response, callback);
        }
        if (path.equals("/ui")) {
            response.setStatus(HttpStatus.MOVED_PERMANENTLY_301);
            response.getHeaders().put(HttpHeader.LOCATION, PREFIX);
            callback.succeeded();
            return true;
        }
        String name = path.substring(PREFIX.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        byte[] body = asset(name);
        if (body.length == 0) {
            response.setStatus(HttpStatus.NOT_FOUND_404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
            response.write(true, ByteBuffer.wrap(("dashboard file not found: " + name + "\n").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)), callback);
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type(name));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("Content-Security-Policy", POLICY);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        return true;
    }

    /** The asset's bytes, or an empty array for a name that is not a plain relative file name of a known type. */
    private byte[] asset(String name) {
        int dot = name.lastIndexOf('.');
        boolean known = dot > 0 && TYPES.containsKey(name.substring(dot + 1));
        if (!known || name.contains("..") || name.contains("//") || name.contains("\\") || name.startsWith("/")) {
            return new byte[0];
        }
        byte[] cached = assets.get(name);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return new byte[0]; // not remembered: unauthenticated clients choose these names
            }
            byte[] bytes = in.readAllBytes();
            assets.put(name, bytes);
            return bytes;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static String type(String name) {
        int dot = name.lastIndexOf('.');
        return TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1), "application/octet-stream");
    }
}
