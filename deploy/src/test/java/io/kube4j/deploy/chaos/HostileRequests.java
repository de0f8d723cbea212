package io.kube4j.deploy.chaos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded generator of hostile requests against one namespace: malformed JSON, wrong types, deep
 * nesting, invalid UTF-8, oversized labels and names, path traversal, junk selectors, limits and
 * continue tokens, patches that would create {@code $} keys, wrong content types, odd methods and
 * malformed heads. Each case says whether a 2xx would be legitimate ({@link Case#mayBeValid}); all
 * others must be refused with a 4xx Status. The same seed yields the same sequence.
 */
final class HostileRequests {

    /** A configmap that patches aim at; it exists before the run. */
    static final String TARGET = "target";

    /**
     * One request and what may legitimately answer it.
     *
     * @param mayBeValid a 2xx is legitimate (the request may well be valid)
     * @param knownGap   Kubernetes refuses it but kube4j is known to accept it today (reported, not failed)
     */
    record Case(String kind, RawHttps.Request request, boolean mayBeValid, boolean knownGap) {
        Case(String kind, RawHttps.Request request, boolean mayBeValid) {
            this(kind, request, mayBeValid, false);
        }

        Case gap() {
            return new Case(kind, request, mayBeValid, true);
        }
    }

    private static final List<String> METHODS = List.of("TRACE", "CONNECT", "PROPFIND", "FOO", "MKCOL", "get", "Delete",
            "PATCH", "PUT", "POST", "DELETE", "LOCK", "M-SEARCH", "X".repeat(300));
    private static final List<String> LABEL_SELECTORS = List.of("a in (b", "a notin (", "(((", "a=b)", "!!a", "a==b==c",
            "a in (b,c", "=", ",", "a,,b", "a in b", "a!=", "in", "notin ()", "a=(b)", "a in (b))", "a=b,c in (", "x>", "<y",
            "a=" + "v".repeat(70), "k".repeat(300) + "=v", "a in (" + "b,".repeat(2000) + ")", "%", "\t", "a\u0000b=c");
    private static final List<String> FIELD_SELECTORS = List.of("metadata.name==", "spec.nodeName=(x", "a=b=c", "status.phase!",
            "metadata.foo=bar", "metadata.name", "=x", "metadata.name!==x", "metadata.namespace in (a)", ",,,",
            "metadata.name=" + "n".repeat(1000), "spec.containers[0].image=x");
    private static final List<String> LIMITS = List.of("-1", "-9223372036854775808", "9223372036854775807",
            "99999999999999999999", "abc", "1e3", "", " 5", "0x10", "1.5", "-0", "NaN", "2147483648");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/vnd.kubernetes.protobuf",
            "image/png", "application/json-patch+json", "application/apply-patch+yaml", "application/merge-patch+json",
            "application/strategic-merge-patch+json", "application/json; charset=utf-16", "*/*", "application/",
            ";;;", "application/json;" + "x=y;".repeat(500));
    private static final List<String> TRAVERSALS = List.of("..", ".", "%2e%2e", "..%2F..%2Fsecrets", "a%2Fb", "%2F",
            "%2e", "..%2f", "%252e%252e", "a/../../secrets/x", "..;", "%00", "a%00b", "..\\..", "%5c..%5c", "~", "%ff", "%c0%ae");
    private static final List<String> BAD_NAMESPACES = List.of("..", "../kube-system", "..%2Fkube-system", "%2e%2e",
            "kube-system%2F..", "a/b", "UPPER", "-x", "x".repeat(64), "%00", "default%00", " ");

    private final String namespace;
    private final String seedTag;
    private final AtomicLong serial = new AtomicLong();

    HostileRequests(String namespace, long seed) {
        this.namespace = namespace;
        this.seedTag = Long.toString(seed, 36);
    }

    private String collection(String resource) {
        return switch (resource) {
            case "deployments" -> "/apis/apps/v1/namespaces/" + namespace + "/deployments";
            case "namespaces" -> "/api/v1/namespaces";
            default -> "/api/v1/namespaces/" + namespace + "/" + resource;
        };
    }

    /** A fresh name, so a create that is legitimately accepted never conflicts with another. */
    private String fresh(String prefix) {
        return prefix + "-" + seedTag + "-" + serial.incrementAndGet();
    }

    Case next(Random r) {
        return switch (r.nextInt(24)) {
            case 0 -> malformedJson(r);
            case 1 -> wrongTypes(r);
            case 2 -> deepNesting(r);
            case 3 -> invalidUtf8Body(r);
            case 4 -> invalidUtf8Path(r);
            case 5 -> hugeLabels(r);
            case 6 -> longNames(r);
            case 7 -> traversal(r);
            case 8 -> badNamespaces(r);
            case 9 -> list(r, "labelSelector", pick(r, LABEL_SELECTORS) + junk(r, r.nextInt(3)), "label selector");
            case 10 -> list(r, "fieldSelector", pick(r, FIELD_SELECTORS) + junk(r, r.nextInt(3)), "field selector");
            case 11 -> list(r, "limit", pick(r, LIMITS), "limit");
            case 12 -> continueToken(r);
            case 13 -> dollarPatch(r);
            case 14 -> wrongContentType(r);
            case 15 -> oddMethod(r);
            case 16 -> malformedHead(r);
            case 17 -> validCreate(r);
            case 18 -> junkQuery(r);
            case 19 -> deleteOptions(r);
            case 20 -> subresources(r);
            case 21 -> junkPod(r);
            case 22 -> junkNumbers(r);
            default -> generateName(r);
        };
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static String junk(Random r, int length) {
        String alphabet = "()!=,<>&|\"'{}[]\\/ %;:._-~*?#abcXYZ019\u00e9\u4e2d";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String configMap(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"app\":\"fuzz\"}},\"data\":{\"key\":\"value\",\"other\":\"x\"}}";
    }

    private Case post(String kind, String resource, String contentType, byte[] body, boolean mayBeValid) {
        return new Case(kind, RawHttps.request("POST", collection(resource)).body(contentType, body).build(), mayBeValid);
    }

    private Case post(String kind, String resource, String body, boolean mayBeValid) {
        return post(kind, resource, "application/json", body.getBytes(StandardCharsets.UTF_8), mayBeValid);
    }

    private Case malformedJson(Random r) {
        byte[] valid = configMap(fresh("mj")).getBytes(StandardCharsets.UTF_8);
        byte[] body;
        switch (r.nextInt(4)) {
            case 0 -> body = java.util.Arrays.copyOf(valid, r.nextInt(valid.length));
            case 1 -> {
                body = valid.clone();
                body[r.nextInt(body.length)] = (byte) "{}[]\",:\\x0".charAt(r.nextInt(10));
            }
            case 2 -> {
                body = new byte[1 + r.nextInt(200)];
                r.nextBytes(body);
            }
            default -> body = (new String(valid, StandardCharsets.UTF_8) + pick(r, List.of("}", "{", ",", "garbage", "]", "\u0000")))
                    .getBytes(StandardCharsets.UTF_8);
        }
        // a random edit can leave valid JSON (a digit replaced by a digit): a create is then legitimate
        return post("malformed JSON", pick(r, List.of("configmaps", "secrets", "pods", "deployments")), "application/json", body, true);
    }

    private Case wrongTypes(Random r) {
        String name = fresh("wt");
        String resource = pick(r, List.of("configmaps", "secrets"));
        if (r.nextInt(3) == 0) {
            // metadata fields of the wrong JSON type: Kubernetes' typed decoding refuses them; kube4j keeps objects as
            // JSON trees and checks only name, labels and annotations (a known gap, reported)
            String body = pick(r, List.of("{\"metadata\":{\"name\":123}}", "{\"metadata\":{\"generateName\":123}}",
                    "{\"metadata\":{\"name\":\"" + name + "\",\"resourceVersion\":\"abc\"}}",
                    "{\"metadata\":{\"name\":\"" + name + "\",\"finalizers\":\"x\"}}",
                    "{\"metadata\":{\"name\":\"" + name + "\",\"ownerReferences\":[{}]}}",
                    "{\"metadata\":{\"name\":\"" + name + "\",\"ownerReferences\":\"x\"}}",
                    "{\"metadata\":{\"name\":\"" + name + "\",\"creationTimestamp\":12}}",
                    "{\"metadata\":{\"name\":\"" + name + "\",\"uid\":{}}}",
                    "{\"metadata\":{\"name\":\"" + name + "\"},\"immutable\":\"yes\"}",
                    "{\"kind\":[],\"metadata\":{\"name\":\"" + name + "\"}}"));
            return post("wrong types (metadata)", resource, body, false).gap();
        }
        String body = pick(r, List.of(
                "{\"metadata\":\"x\"}", "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":[1,2]}",
                "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"a\":1}}", "[]", "\"str\"", "null", "42", "true",
                "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":\"a=b\"}}",
                "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"a\":7}}}",
                "{\"metadata\":{\"name\":\"" + name + "\",\"annotations\":[\"a\"]}}",
                "{\"apiVersion\":5,\"metadata\":{\"name\":\"" + name + "\"}}",
                "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"}}",
                "{\"apiVersion\":\"apps/v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}",
                "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"kube-system\"}}",
                "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"bad key!\":\"eA==\"}}",
                "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"$patch\":\"eA==\"}}",
                "{\"metadata\":{\"name\":[\"" + name + "\"]}}",
                "{\"metadata\":{\"name\":null}}", "{}"));
        if (resource.equals("configmaps") && r.nextBoolean()) {
            body = "{\"metadata\":{\"name\":\"" + name + "\"},\"binaryData\":{\"a\":\"not base64!\"}}";
        }
        return post("wrong types", resource, body, false);
    }

    private Case deepNesting(Random r) {
        int depth = 10_000;
        StringBuilder s = new StringBuilder(depth * 6);
        boolean arrays = r.nextBoolean();
        s.append("{\"metadata\":{\"name\":\"").append(fresh("deep")).append("\"},\"data\":");
        for (int i = 0; i < depth; i++) {
            s.append(arrays ? "[" : "{\"a\":");
        }
        s.append("1");
        for (int i = 0; i < depth; i++) {
            s.append(arrays ? "]" : "}");
        }
        s.append('}');
        String contentType = pick(r, List.of("application/json", "application/merge-patch+json",
                "application/strategic-merge-patch+json", "application/json-patch+json", "application/yaml"));
        String method = contentType.startsWith("application/json") && !contentType.contains("patch") ? pick(r, List.of("POST", "PUT"))
                : contentType.equals("application/yaml") ? "POST" : "PATCH";
        String target = method.equals("POST") ? collection("configmaps") : collection("configmaps") + "/" + TARGET;
        if (contentType.equals("application/json-patch+json")) {
            s.insert(0, "[{\"op\":\"add\",\"path\":\"/data/x\",\"value\":").append("}]");
        }
        return new Case("deep nesting", RawHttps.request(method, target).body(contentType, s.toString()).build(), false);
    }

    private Case invalidUtf8Body(Random r) {
        byte[] bad = pick(r, List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0x80}));
        String name = fresh("u8");
        boolean inName = r.nextBoolean();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"metadata\":{\"name\":\"" + name).getBytes(StandardCharsets.UTF_8));
        if (inName) {
            body.writeBytes(bad);
        }
        body.writeBytes("\"},\"data\":{\"k\":\"v".getBytes(StandardCharsets.UTF_8));
        if (!inName) {
            body.writeBytes(bad);
        }
        body.writeBytes("\"}}".getBytes(StandardCharsets.UTF_8));
        // Kubernetes replaces invalid UTF-8 in a value with U+FFFD, so a value may legitimately be accepted
        return post("invalid UTF-8 body", pick(r, List.of("configmaps", "secrets")), pick(r, List.of("application/json", "application/yaml")),
                body.toByteArray(), !inName);
    }

    private Case invalidUtf8Path(Random r) {
        String method = pick(r, List.of("GET", "DELETE", "PUT", "PATCH"));
        byte[] bad = pick(r, List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80}));
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        boolean raw = r.nextBoolean();
        target.writeBytes((collection("configmaps") + "/x").getBytes(StandardCharsets.UTF_8));
        if (raw) {
            target.writeBytes(bad);
        } else {
            for (byte b : bad) {
                target.writeBytes(String.format("%%%02X", b & 0xFF).getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (r.nextBoolean()) {
            target.writeBytes("?labelSelector=a%FF%FE".getBytes(StandardCharsets.US_ASCII));
        }
        RawHttps.Request.Builder request = RawHttps.request(method, "").targetBytes(target.toByteArray());
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request.body(method.equals("PATCH") ? "application/merge-patch+json" : "application/json", "{\"data\":{\"a\":\"b\"}}");
        }
        return new Case("invalid UTF-8 path", request.build(), false);
    }

    private Case hugeLabels(Random r) {
        String name = fresh("hl");
        String body = switch (r.nextInt(6)) {
            case 0 -> "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"a\":\"" + "v".repeat(64) + "\"}}}";
            case 1 -> "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"a\":\"" + "v".repeat(1 << 20) + "\"}}}";
            case 2 -> "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"" + "k".repeat(300) + "\":\"v\"}}}";
            case 3 -> "{\"metadata\":{\"name\":\"" + name + "\",\"annotations\":{\"a\":\"" + "v".repeat(300 * 1024) + "\"}}}";
            case 4 -> "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"a\":\"bad value!\"}}}";
            default -> {
                StringBuilder labels = new StringBuilder();
                for (int i = 0; i < 10_000; i++) {
                    labels.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append("v".repeat(64)).append('"');
                }
                yield "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{" + labels + "}}}";
            }
        };
        return post("huge labels", "configmaps", body, false);
    }

    private Case longNames(Random r) {
        String name = "n".repeat(254 + r.nextInt(800));
        return switch (r.nextInt(4)) {
            case 0 -> post("254+ char name", pick(r, List.of("configmaps", "secrets", "namespaces")), configMap(name), false);
            case 1 -> new Case("254+ char name", RawHttps.request("GET", collection("configmaps") + "/" + name).build(), false);
            case 2 -> new Case("254+ char name", RawHttps.request("DELETE", collection("configmaps") + "/" + name).build(), false);
            default -> new Case("254+ char name", RawHttps.request("PUT", collection("configmaps") + "/" + name)
                    .body("application/json", configMap(name)).build(), false);
        };
    }

    private Case traversal(Random r) {
        String name = pick(r, TRAVERSALS);
        String method = pick(r, List.of("GET", "DELETE", "PUT", "PATCH", "POST"));
        if (name.equals(".") || name.equals("..") || name.equals("..;")) {
            // Jetty resolves dot segments: a DELETE of "configmaps/.." would be a legitimate DELETE of the namespace
            method = "GET";
        }
        String target = collection(pick(r, List.of("configmaps", "secrets"))) + "/" + name;
        RawHttps.Request.Builder request = RawHttps.request(method, target);
        if (method.equals("PUT") || method.equals("POST")) {
            request.body("application/json", configMap(name.contains("%") || name.contains("/") ? name : fresh("tr")));
        } else if (method.equals("PATCH")) {
            request.body("application/merge-patch+json", "{\"data\":{\"a\":\"b\"}}");
        }
        // Jetty resolves plain dot segments before routing: "configmaps/../secrets" is the secrets list, a legitimate read
        boolean normalisedRead = method.equals("GET") && (name.equals("..") || name.equals(".") || name.startsWith("a/../"));
        if (r.nextInt(4) == 0) {
            String body = "{\"metadata\":{\"name\":\"" + name.replace("\\", "\\\\") + "\"}}";
            return post("traversal name in body", "configmaps", body, false);
        }
        return new Case("path traversal", request.build(), normalisedRead);
    }

    private Case badNamespaces(Random r) {
        String ns = pick(r, BAD_NAMESPACES);
        return switch (r.nextInt(3)) {
            case 0 -> new Case("bad namespace", RawHttps.request("POST", "/api/v1/namespaces/" + ns.replace(" ", "%20") + "/configmaps")
                    .body("application/json", configMap(fresh("ns"))).build(), false);
            case 1 -> post("bad namespace", "configmaps", "{\"metadata\":{\"name\":\"" + fresh("ns") + "\",\"namespace\":\""
                    + ns + "\"}}", false);
            default -> post("bad namespace", "namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}", false);
        };
    }

    private Case list(Random r, String parameter, String value, String kind) {
        String resource = pick(r, List.of("configmaps", "secrets", "pods", "deployments"));
        String target = collection(resource) + "?" + parameter + "=" + encode(value);
        // a junk value can still be a valid one ("a" selects by existence, -1 means no limit)
        return new Case(kind, RawHttps.request("GET", target).build(), true);
    }

    private Case continueToken(Random r) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String token = switch (r.nextInt(6)) {
            case 0 -> junk(r, 1 + r.nextInt(40));
            case 1 -> b64.encodeToString(junk(r, 30).getBytes(StandardCharsets.UTF_8));
            case 2 -> b64.encodeToString(("{\"v\":\"meta.k8s.io/v1\",\"rv\":" + pick(r, List.of("-5", "0", "\"x\"", "1e99", "null"))
                    + ",\"start\":\"a\"}").getBytes(StandardCharsets.UTF_8));
            case 3 -> b64.encodeToString(("{\"v\":\"meta.k8s.io/v1\",\"rv\":1,\"start\":\""
                    + pick(r, List.of("../../secrets/", "/registry/secrets/", "..", "\\u0000")) + "\"}").getBytes(StandardCharsets.UTF_8));
            case 4 -> "=" + "A".repeat(r.nextInt(5000));
            default -> b64.encodeToString(("{" + "\"a\":{".repeat(600) + "}".repeat(600) + "}").getBytes(StandardCharsets.UTF_8));
        };
        String target = collection(pick(r, List.of("configmaps", "pods"))) + "?limit=" + (1 + r.nextInt(5)) + "&continue=" + encode(token);
        // a well-formed token that starts inside the collection (at "\u0000") is as good as one the server wrote
        boolean inside = token.equals(b64.encodeToString("{\"v\":\"meta.k8s.io/v1\",\"rv\":1,\"start\":\"\\u0000\"}"
                .getBytes(StandardCharsets.UTF_8)));
        return new Case("bogus continue", RawHttps.request("GET", target).build(), inside);
    }

    private Case dollarPatch(Random r) {
        String target = collection("configmaps") + "/" + TARGET;
        int variant = r.nextInt(4);
        String contentType;
        String body;
        switch (variant) {
            case 0 -> {
                contentType = "application/json-patch+json";
                body = pick(r, List.of("[{\"op\":\"add\",\"path\":\"/data/$x\",\"value\":\"y\"}]",
                        "[{\"op\":\"add\",\"path\":\"/metadata/labels/$x\",\"value\":\"y\"}]",
                        "[{\"op\":\"add\",\"path\":\"/metadata/annotations/$patch\",\"value\":\"delete\"}]",
                        "[{\"op\":\"add\",\"path\":\"/$x\",\"value\":1}]", "[{\"op\":\"add\",\"path\":\"/metadata/$x\",\"value\":1}]",
                        "[{\"op\":\"replace\",\"path\":\"/data\",\"value\":{\"$retainKeys\":[\"a\"]}}]",
                        "[{\"op\":\"move\",\"from\":\"/data/key\",\"path\":\"/data/$key\"}]",
                        "[{\"op\":\"copy\",\"from\":\"/data\",\"path\":\"/data/$d\"}]",
                        "[{\"op\":\"add\",\"path\":\"/data/~1..~1x\",\"value\":\"y\"}]", "[{\"op\":\"bogus\"}]", "{}", "[1]"));
            }
            case 1 -> {
                contentType = "application/merge-patch+json";
                body = pick(r, List.of("{\"$x\":1}", "{\"data\":{\"$x\":\"y\"}}", "{\"metadata\":{\"labels\":{\"$patch\":\"delete\"}}}",
                        "{\"metadata\":{\"$patch\":\"replace\"}}", "{\"metadata\":{\"annotations\":{\"$x\":\"y\"}}}",
                        "{\"spec\":{\"$x\":{\"$y\":1}}}", "{\"data\":{\"$retainKeys\":[\"key\"]}}"));
            }
            case 2 -> {
                contentType = "application/strategic-merge-patch+json";
                body = pick(r, List.of("{\"$patch\":\"replace\"}", "{\"data\":{\"$patch\":\"delete\"}}", "{\"$patch\":\"delete\"}",
                        "{\"metadata\":{\"$setElementOrder/finalizers\":[\"a\"]}}", "{\"$retainKeys\":[\"data\"]}",
                        "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"x\"]}}", "{\"data\":{\"$unknown\":\"x\"}}",
                        "{\"$x\":{\"$y\":1}}", "{\"metadata\":{\"labels\":{\"$patch\":\"merge\",\"$x\":\"y\"}}}",
                        "{\"data\":{\"$setElementOrder/key\":[1]}}", "{\"metadata\":{\"$retainKeys\":[\"name\"],\"labels\":{\"a\":\"b\"}}}",
                        "{\"$patch\":\"bogus\"}", "{\"metadata\":{\"ownerReferences\":[{\"$patch\":\"delete\",\"uid\":\"x\"}]}}",
                        "{\"metadata\":{\"$deleteFromPrimitiveList/labels\":[\"app\"]}}"));
            }
            default -> {
                contentType = "application/apply-patch+yaml";
                target += "?fieldManager=fuzz&force=true";
                body = pick(r, List.of("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + TARGET + "\"},\"data\":{\"$x\":\"y\"}}",
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + TARGET + "\",\"labels\":{\"$x\":\"y\"}}}",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + TARGET + "\n$patch: replace\n",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + TARGET + "\n  $x: 1\n",
                        "{\"$x\":1}"));
            }
        }
        // "$patch: delete" on a map or the retainKeys directive are legitimate: what is stored is checked afterwards
        return new Case("patch with $ keys", RawHttps.request("PATCH", target).body(contentType, body).build(), true);
    }

    private Case wrongContentType(Random r) {
        String contentType = pick(r, CONTENT_TYPES);
        String method = pick(r, List.of("POST", "PUT"));
        String target = method.equals("POST") ? collection("configmaps") : collection("configmaps") + "/" + fresh("ct");
        String body = switch (r.nextInt(4)) {
            case 0 -> "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                    + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                    + "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nmetadata: {name: bomb}\n";
            case 1 -> "metadata:\n  name: !!java.lang.Runtime x\n";
            case 2 -> "<configmap><name>x</name></configmap>";
            default -> configMap(fresh("ct"));
        };
        // a JSON or YAML type with a well-formed configmap is a legitimate create (or a legitimate 404 for PUT)
        // (no content type at all is read as JSON, as Kubernetes does)
        boolean plausible = body.startsWith("{\"apiVersion\"") && (contentType.startsWith("application/json")
                || contentType.equals("*/*") || contentType.startsWith("application/") || contentType.isEmpty());
        return new Case("wrong content type", RawHttps.request(method, target).body(contentType, body).build(), plausible);
    }

    private Case oddMethod(Random r) {
        String method = pick(r, METHODS);
        boolean ordinary = method.equals("PATCH") || method.equals("PUT") || method.equals("POST") || method.equals("DELETE");
        String target = ordinary
                // ordinary verbs on the wrong path (PUT on a collection, POST on an object, DELETE /version), never a
                // DELETE of a collection (deletecollection would legitimately empty it)
                ? pick(r, List.of(method.equals("DELETE") ? "/api/v1/namespaces/" + namespace + "/configmaps/" + fresh("nx")
                        : collection("configmaps"), collection("configmaps") + "/" + fresh("nx"), "/api/v1", "/apis", "/", "/version"))
                : pick(r, List.of(collection("configmaps"), collection("configmaps") + "/" + TARGET, "/api/v1", "/apis", "/",
                        "/api/v1/namespaces", "/version"));
        RawHttps.Request.Builder request = RawHttps.request(method, method.equals("CONNECT") ? "127.0.0.1:1" : target);
        if (ordinary) {
            request.body(method.equals("PATCH") ? "application/merge-patch+json" : "application/json", "{\"data\":{\"a\":\"b\"}}");
        }
        return new Case("odd method", request.build(), false);
    }

    private Case malformedHead(Random r) {
        String target = collection("configmaps");
        RawHttps.Request.Builder request = switch (r.nextInt(8)) {
            case 0 -> RawHttps.request("GET", target).header("X-Junk", "v".repeat(20_000));
            case 1 -> RawHttps.request("GET", target + "?x=" + "a".repeat(20_000));
            case 2 -> RawHttps.request("POST", target).header("Content-Length", "5").header("Content-Length", "7")
                    .body("application/json", "{\"a\":1}".getBytes(StandardCharsets.US_ASCII));
            case 3 -> RawHttps.request("POST", target).header("Content-Length", "-1");
            case 4 -> RawHttps.request("POST", target).header("Content-Length", "abc");
            case 5 -> RawHttps.request("POST", target).header("Transfer-Encoding", "gzip, chunked, identity")
                    .body("application/json", "zz\r\n".getBytes(StandardCharsets.US_ASCII));
            case 6 -> RawHttps.request("POST", target).header("Transfer-Encoding", "chunked")
                    .body("application/json", "zz\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            default -> RawHttps.request("GET", target).header("Bad Header", "x\u0001y");
        };
        return new Case("malformed head", request.build(), false);
    }

    private Case validCreate(Random r) {
        String name = fresh("ok");
        return post("valid create", "configmaps", configMap(name), true);
    }

    private Case junkQuery(Random r) {
        String query = pick(r, List.of("watch=true&resourceVersion=-5", "watch=1&resourceVersion=abc", "watch=maybe",
                "resourceVersion=-5", "resourceVersionMatch=Foo", "resourceVersionMatch=Exact", "timeoutSeconds=-1",
                "fieldManager=" + "m".repeat(200), "dryRun=Junk", "fieldValidation=Bogus", "pretty=maybe", "allowWatchBookmarks=yes",
                "sendInitialEvents=true", "resourceVersion=99999999999999999999", "%zz=%zz", "a=%", "&&&==&", "includeObject=Junk"));
        String method = pick(r, List.of("GET", "POST"));
        boolean create = method.equals("POST");
        RawHttps.Request.Builder request = RawHttps.request(method, collection("configmaps") + "?" + query);
        if (create) {
            request.body("application/json", configMap(fresh("jq")));
        }
        // GETs with unknown or lenient values are ordinary lists; a create may ignore a parameter that does not apply to it
        boolean refusedWatch = query.startsWith("watch=true") || query.startsWith("watch=1");
        boolean refusedWrite = query.startsWith("fieldManager=") || query.startsWith("dryRun") || query.startsWith("fieldValidation");
        Case c = new Case("junk query", request.build(), create ? !refusedWrite : !refusedWatch);
        // kube4j does not check fieldManager's length or dryRun's value on creates (known gap)
        return create && refusedWrite && !query.startsWith("fieldValidation") ? c.gap() : c;
    }

    private Case deleteOptions(Random r) {
        String body = pick(r, List.of("{\"propagationPolicy\":\"X\"}", "{\"gracePeriodSeconds\":\"abc\"}", "{\"preconditions\":{\"uid\":5}}",
                "[[[[", "{\"dryRun\":[\"Bogus\"]}", "{\"gracePeriodSeconds\":-99999999999999999999}", "{\"kind\":\"Pod\"}", "\"x\""));
        String target = collection(pick(r, List.of("configmaps", "pods", "secrets"))) + "/" + fresh("nx")
                + pick(r, List.of("", "?propagationPolicy=Bogus", "?gracePeriodSeconds=-5", "?gracePeriodSeconds=x", "?dryRun=x"));
        return new Case("delete options", RawHttps.request("DELETE", target).body("application/json", body).build(), false);
    }

    private Case subresources(Random r) {
        String nx = fresh("nx");
        return switch (r.nextInt(5)) {
            case 0 -> new Case("subresource", RawHttps.request("GET", collection("configmaps") + "/" + TARGET + "/status").build(), false);
            case 1 -> new Case("subresource", RawHttps.request("POST", collection("pods") + "/" + nx + "/binding")
                    .body("application/json", "{\"target\":{\"name\":5}}").build(), false);
            case 2 -> new Case("subresource", RawHttps.request("POST", collection("pods") + "/" + nx + "/eviction")
                    .body("application/json", "{\"junk\":[}").build(), false);
            case 3 -> new Case("subresource", RawHttps.request("PUT", collection("deployments") + "/" + nx + "/scale")
                    .body("application/json", "{\"spec\":{\"replicas\":\"many\"}}").build(), false);
            default -> new Case("subresource", RawHttps.request("GET", collection("configmaps") + "/" + TARGET + "/" + junk(r, 8)
                    .replace("#", "").replace("?", "").replace("%", "").replace(" ", "").replace("\\", "")).build(), false);
        };
    }

    private Case junkPod(Random r) {
        String name = fresh("pod");
        String spec = pick(r, List.of("\"containers\":\"x\"", "\"containers\":[{}]", "\"containers\":[{\"name\":\"c\",\"image\":\""
                        + "i".repeat(10_000) + "\",\"ports\":[{\"containerPort\":70000}]}]",
                "\"containers\":[{\"name\":\"c\",\"image\":\"x\",\"resources\":{\"limits\":{\"cpu\":\"abc\"}}}]",
                "\"containers\":[{\"name\":\"c\",\"image\":\"x\",\"ports\":[{\"containerPort\":-1}]}]",
                "\"containers\":[{\"name\":\"C_C\",\"image\":\"x\"}]", "\"containers\":[]",
                "\"containers\":[{\"name\":\"c\",\"image\":\"x\"}],\"restartPolicy\":\"Sometimes\"",
                "\"containers\":[{\"name\":\"c\",\"image\":\"x\"}],\"volumes\":[{\"name\":\"v\",\"hostPath\":{\"path\":5}}]"));
        // pod spec validation in kube4j covers what the components rely on, not every Kubernetes field rule (known gap)
        return post("junk pod", "pods", "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + spec + "}}", false).gap();
    }

    private Case junkNumbers(Random r) {
        String replicas = pick(r, List.of("1e400", "9999999999999999999999", "-1", "\"3\"", "2147483648", "NaN", "-0.5", "[1]"));
        String body = "{\"metadata\":{\"name\":\"" + fresh("dep") + "\"},\"spec\":{\"replicas\":" + replicas
                + ",\"selector\":{\"matchLabels\":{\"a\":\"b\"}},\"template\":{\"metadata\":{\"labels\":{\"a\":\"b\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}}}";
        return post("junk numbers", "deployments", body, false);
    }

    private Case generateName(Random r) {
        String generateName = pick(r, List.of("g".repeat(300), "../", "", "UPPER-", "a/b-", "ok-" + seedTag + "-"));
        boolean valid = generateName.startsWith("ok-");
        String body = "{\"metadata\":{\"generateName\":\"" + generateName + "\"},\"data\":{\"a\":\"b\"}}";
        Case c = post("generateName", "configmaps", body, valid);
        // kube4j truncates a long generateName to a valid name; Kubernetes refuses a prefix over 253 characters (known gap)
        return generateName.length() > 253 ? c.gap() : c;
    }
}
