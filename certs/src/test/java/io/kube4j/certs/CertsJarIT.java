package io.kube4j.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded {@code kube4j-certs.jar} as users run it: a separate JVM, exit codes and output. */
class CertsJarIT {

    @TempDir
    Path temp;

    static ExternalProcess.Result runJar(String... args) throws Exception {
        String jar = System.getProperty("kube4j.certs.jar", "target/kube4j-certs.jar");
        assertThat(Path.of(jar)).as("the shaded jar; run 'mvn verify'").isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        return ExternalProcess.run(command);
    }

    @Test
    void initWritesAPkiThatOpensslVerifies() throws Exception {
        Path dir = temp.resolve("pki");

        ExternalProcess.Result result =
                runJar("init", "--dir", dir.toString(), "--hosts", "myhost,10.0.0.5", "--nodes", "n1,n2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(result.out().lines()).hasSameSizeAs(files.toList()).allMatch(line -> line.startsWith("wrote "));
        }
        Path openssl = ExternalProcess.requireTool("openssl");
        ExternalProcess.Result verify = ExternalProcess.run(List.of(openssl.toString(), "verify",
                "-CAfile", dir.resolve("ca.crt").toString(), dir.resolve("apiserver.crt").toString()));
        assertThat(verify.out().strip()).isEqualTo(dir.resolve("apiserver.crt") + ": OK");
    }

    @Test
    void aBadFlagExitsTwoWithOneLineAndNoStackTrace() throws Exception {
        ExternalProcess.Result result = runJar("init", "--dir", temp.toString(), "--hosts", "10.0.0.300");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).containsExactly(
                "kube4j-certs init: '10.0.0.300' is not a valid IP address (see 'kube4j-certs init --help')");
    }

    @Test
    void aSecondInitIntoTheSameDirectoryExitsOne() throws Exception {
        runJar("init", "--dir", temp.toString());

        ExternalProcess.Result result = runJar("init", "--dir", temp.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).singleElement().asString().contains("is not empty");
    }
}
