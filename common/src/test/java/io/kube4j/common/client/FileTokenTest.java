package io.kube4j.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTokenTest {

    @TempDir
    Path dir;

    final AtomicLong now = new AtomicLong(1_000);

    @Test
    void rereadsARotatedTokenOnceAMinuteAndKeepsTheLastGoodOne() throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "one\n");
        FileToken token = FileToken.read(file, "test", now::get);

        Files.writeString(file, "two");
        now.addAndGet(FileToken.REFRESH.toNanos() - 1);
        assertThat(token.get()).as("still cached just before a minute").isEqualTo("one");

        now.addAndGet(1);
        assertThat(token.get()).as("re-read after a minute").isEqualTo("two");

        Files.delete(file);
        now.addAndGet(FileToken.REFRESH.toNanos());
        assertThat(token.get()).as("a vanished file keeps the last token").isEqualTo("two");

        Files.writeString(file, "");
        now.addAndGet(FileToken.REFRESH.toNanos());
        assertThat(token.get()).as("an empty file keeps the last token").isEqualTo("two");
    }
}
