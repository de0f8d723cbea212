package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mode {@code ABAC}: allows a request when any policy of {@code --authorization-policy-file}
 * matches it, else has no opinion. The file holds one JSON policy per line; blank lines and lines
 * starting with {@code #} are skipped.
 */
final class AbacAuthorizer implements Authorizer {

    private final List<AbacPolicy> policies;

    AbacAuthorizer(List<AbacPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    /** Reads a policy file; a bad line fails with its number, so the apiserver does not start. */
    static AbacAuthorizer load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<AbacPolicy> policies = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                JsonNode json = Json.parse(line);
                policies.add(AbacPolicy.parse(json));
            } catch (RuntimeException e) {
                throw new IOException("ABAC policy file " + file + ", line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new AbacAuthorizer(policies);
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        for (AbacPolicy policy : policies) {
            if (policy.matches(request)) {
                return Decision.allow("ABAC: allowed by policy for " + (policy.user().isEmpty() ? "group " + policy.group()
                        : "user " + policy.user()));
            }
        }
        return Decision.NO_OPINION;
    }
}
