package io.kube4j.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.common.daemon.Daemons;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeletCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port=70000                          | --port must be 0 to 65535",
        "--register-with-taints=a:Sometimes    | --register-with-taints",
        "--fake-nodes=3                        | --fake-nodes needs --container-runtime=fake",
        "--node-status-update-frequency=soon   | --node-status-update-frequency",
        "--kubeconfig=/no/such/file            | --kubeconfig",
    })
    void exitsTwoWithAOneLineReasonOnBadFlags(String flag, String reason) {
        StringWriter err = new StringWriter();
        var cli = Daemons.commandLine(new KubeletCommand(), Map.of());
        cli.setErr(new PrintWriter(err));
        String[] args = flag.startsWith("--kubeconfig") ? new String[] {flag}
                : new String[] {"--kubeconfig=/no/such/file", flag};
        int code = cli.execute(args);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(reason).doesNotContain("\tat ");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }
}
