import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The demo workload of the laptop cluster and the end-to-end tests: a tiny HTTP server any JDK runs
 * as a single source file ({@code java HttpEcho.java}). It listens on $POD_IP:$PORT (default
 * 0.0.0.0:8080), answers every request with the pod's name and $MESSAGE, and logs each request to
 * stdout, so `kubectl logs` has something to show.
 */
public class HttpEcho {
    public static void main(String[] args) throws Exception {
        String host = System.getenv().getOrDefault("POD_IP", "0.0.0.0");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String pod = System.getenv().getOrDefault("POD_NAME", "unknown");
        String message = System.getenv().getOrDefault("MESSAGE", "hello from kube4j");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/", exchange -> {
            byte[] body = (pod + " " + message + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            System.out.println(Instant.now() + " " + exchange.getRemoteAddress().getAddress().getHostAddress()
                    + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " 200");
        });
        server.start();
        System.out.println("serving " + pod + " on " + host + ":" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }
}
