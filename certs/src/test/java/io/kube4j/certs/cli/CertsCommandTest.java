package io.kube4j.certs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.kube4j.certs.pki.Pem;
import io.kube4j.certs.pki.PkiLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the command line in-process, as {@code main} would, and checks exit codes and output. */
class CertsCommandTest {

    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    @TempDir
    Path temp;

    record Run(int exitCode, String out, String err) {

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CertsCommand.commandLine(environment, Clock.fixed(NOW, ZoneOffset.UTC))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void initWritesThePkiAndPrintsOneLinePerFile() {
        Path dir = temp.resolve("pki");

        Run run = run("init", "--dir", dir.toString(), "--hosts", "myhost,10.0.0.5", "--nodes", "n1,n2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        // ca + 4 control-plane pairs + 6 identities (pair + kubeconfig) + 2 serving pairs + sa pair, tokens,
        // admin-token kubeconfig = 2 + 8 + 18 + 4 + 4 = 36 files.
        assertThat(run.out().lines()).hasSize(36)
                .allMatch(line -> line.startsWith("wrote " + dir))
                .contains("wrote " + dir.resolve("kubelet-n2-server.key"), "wrote " + dir.resolve("tokens.csv"));
        assertThat(dir.resolve("admin.kubeconfig")).exists();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            init --dir DIR --bogus                                | kube4j-certs init: Unknown option: '--bogus'
            init --hosts myhost                                   | kube4j-certs init: Missing required option: '--dir=<dir>'
            init --dir DIR --key-type dsa                         | kube4j-certs init: Invalid value for option '--key-type': expected one of [EC, RSA] (case-insensitive) but was 'dsa'
            init --dir DIR --hosts myhost,10.0.0.300              | kube4j-certs init: '10.0.0.300' is not a valid IP address
            init --dir DIR --hosts my_host                        | kube4j-certs init: 'my_host' is neither an IP address nor a valid DNS name
            init --dir DIR --nodes n1,Node_2                      | kube4j-certs init: node name 'Node_2' is not a lower-case RFC 1123 subdomain (a-z, 0-9, '-' and '.')
            init --dir DIR --rsa-bits 1024 --key-type rsa         | kube4j-certs init: RSA key size 1024 is out of range: use 2048 to 16384 bits
            init --dir DIR --rsa-bits 1024                        | kube4j-certs init: RSA key size 1024 is out of range: use 2048 to 16384 bits
            init --dir DIR --days 0                               | kube4j-certs init: certificate validity must be positive, not 0 days
            init --dir DIR --ca-days -1                           | kube4j-certs init: CA validity must be positive, not -1 days
            init --dir DIR --days abc                             | kube4j-certs init: Invalid value for option '--days': 'abc' is not an int
            init --dir DIR --server http://127.0.0.1:6443         | kube4j-certs init: server 'http://127.0.0.1:6443' is not an https:// URL with a host
            init --dir DIR --service-cluster-ip-range 10.0.0.0/31 | kube4j-certs init: service cluster IP range '10.0.0.0/31' is too small
            init --dir DIR extra                                  | kube4j-certs init: Unmatched argument at index 3: 'extra'
            renew                                                 | kube4j-certs renew: Missing required option: '--dir=<dir>'
            renew --dir DIR --nodes n1,n1                         | kube4j-certs renew: node 'n1' is listed twice
            renew --dir DIR --key-type=rsa                        | kube4j-certs renew: Unknown option: '--key-type=rsa'
            bogus                                                 | kube4j-certs: Unmatched argument at index 0: 'bogus'
            ''                                                    | kube4j-certs: missing command: init or renew
            """)
    void badFlagsExitTwoWithOneLineOnStderrAndWriteNothing(String args, String message) {
        Path dir = temp.resolve("pki");
        String[] argv = args.isEmpty()
                ? new String[0]
                : Arrays.stream(args.split(" ")).map(arg -> arg.replace("DIR", dir.toString())).toArray(String[]::new);

        Run run = run(argv);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement(STRING)
                .startsWith(message + " (see '");
        assertThat(dir).doesNotExist();
    }

    @Test
    void refusesADirectoryThatIsNotEmptyWithExitOneAndOneLine() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("pki"));
        Files.writeString(dir.resolve("notes.txt"), "keep me");

        Run run = run("init", "--dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly(
                "kube4j-certs init: refusing to write into " + dir + ": it is not empty (use --force to overwrite)");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void forceWritesIntoADirectoryThatIsNotEmpty() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("pki"));
        Files.writeString(dir.resolve("notes.txt"), "keep me");

        Run run = run("init", "--dir", dir.toString(), "--force");

        assertThat(run.exitCode()).isZero();
        assertThat(dir.resolve("ca.crt")).exists();
        assertThat(dir.resolve("notes.txt")).hasContent("keep me");
    }

    @Test
    void keyTypeIgnoresCase() {
        Path dir = temp.resolve("pki");

        Run run = run("init", "--dir", dir.toString(), "--key-type", "RSA");

        assertThat(run.exitCode()).isZero();
        assertThat(Pem.readPrivateKey(dir.resolve("admin.key")).getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void renewKeepsTheCaAndReportsWhatItWrote() throws Exception {
        Path dir = temp.resolve("pki");
        run("init", "--dir", dir.toString(), "--nodes", "n1");
        byte[] ca = Files.readAllBytes(dir.resolve("ca.crt"));

        Run run = run("renew", "--dir", dir.toString(), "--days", "30");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("ca.crt"))).isEqualTo(ca);
        assertThat(run.out().lines()).contains("wrote " + dir.resolve("kubelet-n1-server.crt"))
                .doesNotContain("wrote " + dir.resolve("ca.crt"), "wrote " + dir.resolve("admin.key"));
        X509Certificate admin = Pem.readCertificate(dir.resolve("admin.crt"));
        assertThat(admin.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void renewOfADirectoryWithoutACaExitsOne() {
        Path dir = temp.resolve("empty");

        Run run = run("renew", "--dir", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "kube4j-certs renew: " + dir.resolve("ca.crt") + " is missing; run init first");
    }

    @Test
    void flagsDefaultToKube4jEnvironmentVariablesButTheCommandLineWins() {
        Path dir = temp.resolve("pki");
        Map<String, String> environment = Map.of(
                "KUBE4J_DIR", dir.toString(), "KUBE4J_NODES", "n1,n2", "KUBE4J_DAYS", "10");

        Run run = run(environment, "init", "--days", "20");

        assertThat(run.exitCode()).isZero();
        PkiLayout layout = new PkiLayout(dir);
        assertThat(layout.kubeconfig("kubelet-n2")).exists();
        assertThat(Pem.readCertificate(layout.certificate("admin")).getNotAfter().toInstant())
                .isEqualTo(NOW.plus(Duration.ofDays(20)));
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        Run run = run("renew", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: kube4j-certs renew").contains("--hosts", "--nodes", "--days");
        assertThat(run.err()).isEmpty();
    }
}
