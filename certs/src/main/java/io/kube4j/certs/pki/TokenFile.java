package io.kube4j.certs.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The apiserver's static token file ({@code --token-auth-file}): CSV lines
 * {@code token,user,uid,"group1,group2"}, the groups column left out when there are none.
 */
final class TokenFile {

    /** 32 random bytes: as strong as the 256-bit keys that guard the rest of the cluster. */
    private static final int TOKEN_BYTES = 32;

    /** One line of the file. */
    record Entry(String token, String user, String uid, List<String> groups) {

        Entry {
            groups = List.copyOf(groups);
        }

        String line() {
            String line = token + "," + user + "," + uid;
            return groups.isEmpty() ? line : line + ",\"" + String.join(",", groups) + "\"";
        }
    }

    private TokenFile() {
    }

    /** Base64url has no commas or quotes, so a token never breaks the CSV. */
    static String newToken(SecureRandom random) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Entry newEntry(ClientIdentity identity, SecureRandom random) {
        return new Entry(newToken(random), identity.user(), identity.user(), identity.groups());
    }

    static String render(List<Entry> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach(entry -> text.append(entry.line()).append('\n'));
        return text.toString();
    }

    /** Reads a file this class wrote; blank lines are skipped. */
    static List<Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PkiException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] columns = line.split(",", 4);
            if (columns.length < 3) {
                throw new PkiException(file + " line " + (i + 1) + " is not token,user,uid[,\"groups\"]");
            }
            List<String> groups = columns.length == 4
                    ? Arrays.asList(columns[3].replace("\"", "").split(","))
                    : List.of();
            entries.add(new Entry(columns[0], columns[1], columns[2], groups));
        }
        return List.copyOf(entries);
    }
}
