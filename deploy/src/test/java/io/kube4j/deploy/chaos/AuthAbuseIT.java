package io.kube4j.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.certs.pki.Pki;
import io.kube4j.certs.pki.PkiOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * H3: random bearer tokens and client certificates from another CA are all answered 401 with a Status;
 * tokens sharing a long prefix with a valid one are not answered measurably slower or faster than random
 * ones (no timing oracle); no token appears in the apiserver's log or audit log.
 */
class AuthAbuseIT {

    private static final String PATH = "/api/v1/namespaces/default/configmaps";
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_\\-.]{16,}");

    @Test
    void forgedCredentialsAreRefusedAlikeAndNeverLogged() throws Exception {
        int tokenRequests = ChaosReport.full() ? 10_000 : 6_000;
        int certificateRequests = ChaosReport.full() ? 4_000 : 2_000;
        int timingSamples = ChaosReport.full() ? 4_000 : 2_000;
        ChaosReport report = ChaosReport.section("H3", "Hostile input: auth abuse")
                .invariant("random bearer tokens (opaque, JWT-shaped, near misses of a valid one, up to 5 KiB) and certificates (CN=admin,"
                        + " O=system:masters, ...) from another CA: all 401 Status")
                .invariant("median latency of tokens sharing all but the last character with a valid token vs random tokens:"
                        + " difference below 20 % or 300 µs")
                .invariant("no token sent appears in the apiserver's log or audit log");
        Path foreignDir = Files.createTempDirectory("kube4j-foreign-pki-");
        try (ApiServerUnderAttack server = ApiServerUnderAttack.start()) {
            new Pki(Clock.systemUTC()).init(PkiOptions.defaults(foreignDir));
            String valid = server.adminToken();
            Random random = new Random(Long.getLong("kube4j.fuzz.seed", 13L));
            SecureRandom secure = new SecureRandom();
            Set<String> sent = new HashSet<>();
            Map<Integer, Integer> codes = new TreeMap<>();
            List<String> failures = new ArrayList<>();

            RawHttps anonymous = server.anonymousClient();
            try (RawHttps.Connection c = anonymous.open()) {
                // the valid token works, so near misses of it are a meaningful probe
                assertThat(c.send(RawHttps.request("GET", PATH).header("Authorization", "Bearer " + valid).build()).code()).isEqualTo(200);
            }
            try (Sender sender = new Sender(anonymous)) {
                for (int i = 0; i < tokenRequests; i++) {
                    String token = randomToken(random, secure, valid);
                    sent.add(token);
                    RawHttps.Response response = sender.send(RawHttps.request("GET", PATH).header("Authorization", "Bearer " + token).build());
                    check(response, "token " + abbreviate(token), codes, failures);
                }
            }
            String[] identities = {"admin", "kube-scheduler", "kube-controller-manager", "kube-proxy", "kubelet-n1"};
            int perIdentity = certificateRequests / identities.length;
            for (String identity : identities) {
                if (!Files.exists(foreignDir.resolve(identity + ".crt"))) {
                    continue;
                }
                RawHttps foreign = RawHttps.withKeyPair(server.port(), server.pki().resolve("ca.crt"),
                        foreignDir.resolve(identity + ".crt"), foreignDir.resolve(identity + ".key"));
                try (Sender sender = new Sender(foreign)) {
                    for (int i = 0; i < perIdentity; i++) {
                        check(sender.send(RawHttps.request("GET", PATH).build()), "foreign certificate " + identity, codes, failures);
                    }
                }
            }

            // timing: interleaved, so drift in machine load hits both classes alike; a warm-up first
            List<Long> nearMiss = new ArrayList<>();
            List<Long> randomOnes = new ArrayList<>();
            try (Sender sender = new Sender(anonymous)) {
                for (int i = -200; i < 2 * timingSamples; i++) {
                    boolean near = random.nextBoolean();
                    String token = near ? nearMiss(valid, random) : randomLike(valid, secure);
                    sent.add(token);
                    long start = System.nanoTime();
                    RawHttps.Response response = sender.send(RawHttps.request("GET", PATH).header("Authorization", "Bearer " + token).build());
                    long nanos = System.nanoTime() - start;
                    check(response, near ? "near-miss token" : "random token", codes, failures);
                    if (i >= 0) {
                        (near ? nearMiss : randomOnes).add(nanos);
                    }
                }
            }
            long medianNear = median(nearMiss);
            long medianRandom = median(randomOnes);
            long difference = Math.abs(medianNear - medianRandom);
            boolean timingHeld = difference < Math.max(medianRandom / 5, 300_000L);

            String log = server.log();
            String audit = server.auditLog();
            List<String> leaked = new ArrayList<>();
            for (String text : List.of(log, audit)) {
                Matcher words = WORD.matcher(text);
                while (words.find()) {
                    if (sent.contains(words.group())) {
                        leaked.add(abbreviate(words.group()));
                    }
                }
            }
            if (log.contains(valid) || audit.contains(valid)) {
                leaked.add("the valid admin token");
            }
            boolean alive = server.alive() && server.ready();

            int total = codes.values().stream().mapToInt(Integer::intValue).sum();
            report.figure("requests", total)
                    .figure("answers by status code", codes)
                    .figure("answers that were not a 401 Status", failures.size())
                    .figure("median latency near-miss / random token (µs)", medianNear / 1_000 + " / " + medianRandom / 1_000)
                    .figure("median difference (µs)", difference / 1_000)
                    .figure("tokens found in the log / audit log (" + log.length() / 1024 + " / " + audit.length() / 1024 + " KiB)",
                            leaked.size())
                    .figure("apiserver alive and ready afterwards", alive);
            if (!failures.isEmpty()) {
                report.note("First failures:\n\n" + String.join("\n", failures.stream().limit(20).map(f -> "- `" + f + "`").toList()));
            }
            report.record(failures.isEmpty() && timingHeld && leaked.isEmpty() && alive);

            assertThat(failures).as("answers other than a 401 Status").isEmpty();
            assertThat(leaked).as("tokens in the logs").isEmpty();
            assertThat(difference).as("median near-miss %s µs vs random %s µs", medianNear / 1_000, medianRandom / 1_000)
                    .isLessThan(Math.max(medianRandom / 5, 300_000L));
            assertThat(alive).isTrue();
        } finally {
            try (var files = Files.walk(foreignDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
    }

    /** Opaque tokens like the static ones, JWT-shaped ones (for the service-account authenticator), odd ones. */
    private static String randomToken(Random random, SecureRandom secure, String valid) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> randomLike(valid, secure);
            case 2 -> nearMiss(valid, random);
            case 3 -> base64(secure, 24) + "." + base64(secure, 80) + "." + base64(secure, 64);
            case 4 -> "eyJhbGciOiJSUzI1NiJ9." + base64(secure, 60) + "." + base64(secure, 256);
            default -> base64(secure, 1 + random.nextInt(4000)); // up to 5 KiB, inside the 8 KiB header limit
        };
    }

    /** The valid token with its last character changed: a prefix oracle would answer this one differently. */
    private static String nearMiss(String valid, Random random) {
        char last = valid.charAt(valid.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char other;
        do {
            other = alphabet.charAt(random.nextInt(alphabet.length()));
        } while (other == last);
        return valid.substring(0, valid.length() - 1) + other;
    }

    private static String randomLike(String valid, SecureRandom secure) {
        String token = base64(secure, valid.length());
        return token.substring(0, valid.length());
    }

    private static String base64(SecureRandom secure, int bytes) {
        byte[] raw = new byte[bytes];
        secure.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static void check(RawHttps.Response response, String what, Map<Integer, Integer> codes, List<String> failures) {
        codes.merge(response.code(), 1, Integer::sum);
        String problem = FuzzIT.statusProblem(response, true);
        if (response.code() != 401 || problem != null) {
            failures.add(what + " -> " + response.code() + (problem == null ? "" : " " + problem));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static String abbreviate(String token) {
        return token.length() > 12 ? token.substring(0, 12) + "…" : token;
    }

    /** Sends on one kept-alive connection, reconnecting when the server closes it. */
    private static final class Sender implements AutoCloseable {
        private final RawHttps client;
        private RawHttps.Connection connection;

        Sender(RawHttps client) {
            this.client = client;
        }

        RawHttps.Response send(RawHttps.Request request) throws Exception {
            if (connection == null || !connection.usable()) {
                connection = client.open();
            }
            try {
                return connection.send(request);
            } catch (java.io.IOException e) {
                connection.close();
                connection = client.open();
                return connection.send(request);
            }
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
