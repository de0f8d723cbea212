package io.kube4j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Turns objects of one kind into table rows. The server always prints every column, wide ones
 * included; kubectl hides priority-1 columns unless asked for {@code -o wide}.
 */
interface RowPrinter {

    List<Column> columns();

    /**
     * One cell per column, in column order: a {@code String}, {@code Long} or {@code Integer}.
     * Must not throw on a malformed object: missing fields print as empty or {@code <none>}.
     */
    List<Object> cells(JsonNode object, Instant now);
}
