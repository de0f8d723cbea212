package io.kube4j.kubelet.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.kubelet.runtime.LogOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileLogTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);

    static String read(Path log, LogOptions options) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FileLog(log, () -> false, CLOCK).copy(options, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // tailLines | limitBytes | expected
        "-1 | -1 | one\\ntwo\\nthree\\n",
        " 2 | -1 | two\\nthree\\n",
        " 0 | -1 | ''",
        " 9 | -1 | one\\ntwo\\nthree\\n",
        "-1 |  5 | one\\nt",
        " 1 |  3 | thr",
    })
    void sendsTheTailAndHonoursTheByteLimit(long tailLines, long limitBytes, String expected, @TempDir Path dir)
            throws Exception {
        Path log = Files.writeString(dir.resolve("1.log"), "one\ntwo\nthree\n");
        assertThat(read(log, new LogOptions(false, tailLines, limitBytes, false, null)))
                .isEqualTo(expected.replace("\\n", "\n"));
    }

    /** "one\n" (4 bytes) seen at T0, "two\n" by T0+1.5 s, "three\n" by T0+3 s; nothing more is indexed. */
    static Path indexedLog(Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("1.log"), "one\ntwo\nthree\nfour\n");
        Path times = LogTimes.fileOf(log);
        LogTimes.append(times, 4, T0);
        LogTimes.append(times, 8, T0.plusMillis(1500));
        LogTimes.append(times, 14, T0.plusSeconds(3));
        return log;
    }

    @Test
    void prefixesEachLineWithTheTimeItWasSeenInRfc3339Nano(@TempDir Path dir) throws Exception {
        String out = read(indexedLog(dir), new LogOptions(false, -1, -1, true, null));
        // "four" is past the index: it counts as written now (T0 + 60 s)
        assertThat(out).isEqualTo("""
                2026-11-25T10:00:00Z one
                2026-11-25T10:00:01.5Z two
                2026-11-25T10:00:03Z three
                2026-11-25T10:01:00Z four
                """);
    }

    @Test
    void sendsOnlyTheLinesWrittenSinceTheGivenTime(@TempDir Path dir) throws Exception {
        Path log = indexedLog(dir);
        assertThat(read(log, new LogOptions(false, -1, -1, false, T0.plusSeconds(1)))).isEqualTo("two\nthree\nfour\n");
        assertThat(read(log, new LogOptions(false, -1, -1, false, T0.plusSeconds(2)))).isEqualTo("three\nfour\n");
        assertThat(read(log, new LogOptions(false, 1, -1, false, T0.plusSeconds(1)))).isEqualTo("four\n");
        assertThat(read(log, new LogOptions(false, -1, 10, true, T0.plusSeconds(2)))).isEqualTo("2026-11-25");
    }

    @Test
    void formatsTimesAsGoFormatsRfc3339Nano() {
        assertThat(LogOptions.rfc3339Nano(Instant.parse("2026-11-25T10:00:00.123456789Z"))).isEqualTo("2026-11-25T10:00:00.123456789Z");
        assertThat(LogOptions.rfc3339Nano(Instant.parse("2026-11-25T10:00:00.120Z"))).isEqualTo("2026-11-25T10:00:00.12Z");
        assertThat(LogOptions.rfc3339Nano(T0)).isEqualTo("2026-11-25T10:00:00Z");
    }
}
