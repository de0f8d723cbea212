package io.kube4j.apiserver.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static bearer tokens from a CSV file ({@code token,user,uid,"group1,group2"}), as
 * {@code --token-auth-file} reads them. Tokens are kept only as SHA-256 digests and looked up by
 * digest, so lookups take the same time whichever token is tried.
 */
public final class TokenFileAuthenticator implements Authenticator {

    private final Map<String, UserInfo> byDigest;

    private TokenFileAuthenticator(Map<String, UserInfo> byDigest) {
        this.byDigest = Map.copyOf(byDigest);
    }

    public static TokenFileAuthenticator load(Path file) throws IOException {
        Map<String, UserInfo> users = new HashMap<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = csv(line);
            if (fields.size() < 3 || fields.get(0).isEmpty() || fields.get(1).isEmpty()) {
                throw new IOException(file + " line " + lineNumber + ": expected token,user,uid[,\"groups\"]");
            }
            List<String> groups = fields.size() > 3 && !fields.get(3).isBlank()
                    ? Arrays.stream(fields.get(3).split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList()
                    : List.of();
            users.put(digest(fields.get(0)), new UserInfo(fields.get(1), fields.get(2), groups).authenticated());
        }
        return new TokenFileAuthenticator(users);
    }

    @Override
    public Optional<UserInfo> authenticate(Credentials credentials) {
        if (credentials.bearerToken().isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byDigest.get(digest(credentials.bearerToken())));
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits one CSV line, honouring double quotes. */
    static List<String> csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString().trim());
        return fields;
    }
}
