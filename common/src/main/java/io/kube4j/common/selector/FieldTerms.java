package io.kube4j.common.selector;

import io.kube4j.common.selector.FieldSelector.Operator;
import io.kube4j.common.selector.FieldSelector.Requirement;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A field selector as a canonically ordered list of terms; the record gives value equality. */
record FieldTerms(List<Requirement> requirements) implements FieldSelector {

    static final FieldTerms EVERYTHING = new FieldTerms(List.of());

    FieldTerms {
        requirements = requirements.stream()
                .map(Objects::requireNonNull)
                .sorted(Comparator.comparing(Requirement::toString))
                .toList();
    }

    @Override
    public boolean matches(Function<String, String> fieldValue) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(fieldValue.apply(requirement.field()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isEverything() {
        return requirements.isEmpty();
    }

    @Override
    public Optional<String> exactValue(String field) {
        return requirements.stream()
                .filter(r -> r.field().equals(field) && r.operator() == Operator.EQUALS)
                .map(Requirement::value)
                .findFirst();
    }

    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }
}
