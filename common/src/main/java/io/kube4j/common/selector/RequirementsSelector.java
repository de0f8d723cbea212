package io.kube4j.common.selector;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.common.selector.LabelSelector.Operator;
import io.kube4j.common.selector.LabelSelector.Requirement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** A label selector as a canonically ordered list of requirements; the record gives value equality. */
record RequirementsSelector(List<Requirement> requirements) implements LabelSelector {

    private static final Comparator<Requirement> CANONICAL =
            Comparator.comparing(Requirement::key).thenComparing(Requirement::toString);

    static final RequirementsSelector EVERYTHING = new RequirementsSelector(List.of());

    RequirementsSelector {
        requirements = requirements.stream().map(Objects::requireNonNull).sorted(CANONICAL).toList();
    }

    @Override
    public boolean matches(Map<String, String> labels) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean matches(JsonNode metadataLabels) {
        return isEverything() || matches(LabelSelectorJson.labels(metadataLabels));
    }

    @Override
    public boolean isEverything() {
        return requirements.isEmpty();
    }

    @Override
    public Optional<String> exactValue(String key) {
        return requirements.stream()
                .filter(r -> r.key().equals(key))
                .filter(r -> r.operator() == Operator.EQUALS
                        || (r.operator() == Operator.IN && r.values().size() == 1))
                .map(r -> r.values().get(0))
                .findFirst();
    }

    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }
}
