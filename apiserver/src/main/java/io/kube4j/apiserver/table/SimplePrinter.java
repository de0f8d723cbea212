package io.kube4j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A printer whose cells are Name, a few kind-specific cells, then Age. */
final class SimplePrinter implements RowPrinter {

    /** Name and Age only: the table of every kind without a dedicated printer. */
    static final SimplePrinter DEFAULT = new SimplePrinter(List.of(), object -> List.of());

    private final List<Column> columns;
    private final Function<JsonNode, List<Object>> middle;

    SimplePrinter(List<Column> middleColumns, Function<JsonNode, List<Object>> middleCells) {
        List<Column> all = new ArrayList<>();
        all.add(Column.NAME);
        all.addAll(middleColumns);
        all.add(Column.AGE);
        this.columns = List.copyOf(all);
        this.middle = middleCells;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public List<Object> cells(JsonNode object, Instant now) {
        List<Object> cells = new ArrayList<>();
        cells.add(Fields.text(object, "/metadata/name"));
        cells.addAll(middle.apply(object));
        cells.add(Fields.age(object, now));
        return cells;
    }
}
