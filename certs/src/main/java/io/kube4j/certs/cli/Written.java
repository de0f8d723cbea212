package io.kube4j.certs.cli;

import io.kube4j.certs.pki.PkiResult;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Prints one line per file written, so a script's log shows exactly what changed on disk. */
final class Written {

    private Written() {
    }

    static void print(CommandSpec spec, PkiResult result) {
        PrintWriter out = spec.commandLine().getOut();
        result.written().forEach(file -> out.println("wrote " + file));
        out.flush();
    }
}
