package io.kube4j.kubelet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogStreamerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                          | one\\ntwo\\nthree\\n",
        "tailLines=2                 | two\\nthree\\n",
        "tailLines=0                 | ''",
        "tailLines=9                 | one\\ntwo\\nthree\\n",
        "limitBytes=5                | one\\nt",
        "tailLines=1&limitBytes=3    | thr",
    })
    void sendsTheTailAndHonoursTheByteLimit(String query, String expected, @TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("1.log"), "one\ntwo\nthree\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogStreamer.copy(log, LogRequest.parse(query), () -> false, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.replace("\\n", "\n"));
    }
}
