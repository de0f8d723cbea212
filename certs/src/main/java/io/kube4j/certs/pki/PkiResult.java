package io.kube4j.certs.pki;

import java.nio.file.Path;
import java.util.List;

/** What {@link Pki#init} or {@link Pki#renew} did: the directory and every file written, in order. */
public record PkiResult(PkiLayout layout, List<Path> written) {

    public PkiResult {
        written = List.copyOf(written);
    }
}
