package io.kube4j.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MergeKeysTest {

    /** Paths are field names separated by "/", with "*" for an item of the list before. */
    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Pod            | spec/containers                                    | MERGE_BY_KEY | name
            Deployment     | spec/template/spec/initContainers                  | MERGE_BY_KEY | name
            Pod            | spec/ephemeralContainers                           | MERGE_BY_KEY | name
            CronJob        | spec/jobTemplate/spec/template/spec/containers     | MERGE_BY_KEY | name
            Pod            | spec/containers/*/env                              | MERGE_BY_KEY | name
            Pod            | spec/containers/*/ports                            | MERGE_BY_KEY | containerPort
            StatefulSet    | spec/template/spec/initContainers/*/ports          | MERGE_BY_KEY | containerPort
            Pod            | spec/containers/*/volumeMounts                     | MERGE_BY_KEY | mountPath
            Pod            | spec/containers/*/volumeDevices                    | MERGE_BY_KEY | devicePath
            Pod            | spec/imagePullSecrets                              | MERGE_BY_KEY | name
            Pod            | spec/volumes                                       | MERGE_BY_KEY | name
            Pod            | spec/hostAliases                                   | MERGE_BY_KEY | ip
            Pod            | spec/topologySpreadConstraints                     | MERGE_BY_KEY | topologyKey
            Pod            | status/podIPs                                      | MERGE_BY_KEY | ip
            Pod            | status/conditions                                  | MERGE_BY_KEY | type
            Deployment     | status/conditions                                  | MERGE_BY_KEY | type
            Node           | status/addresses                                   | MERGE_BY_KEY | type
            Service        | spec/ports                                         | MERGE_BY_KEY | port
            ServiceAccount | secrets                                            | MERGE_BY_KEY | name
            Secret         | metadata/ownerReferences                           | MERGE_BY_KEY | uid
            Pod            | metadata/finalizers                                | SET          |
            Deployment     | spec/template/metadata/finalizers                  | SET          |
            Pod            | spec/tolerations                                   | ATOMIC       |
            Pod            | spec/containers/*/args                             | ATOMIC       |
            Pod            | spec/containers/*/command                          | ATOMIC       |
            Pod            | spec/containers/*/envFrom                          | ATOMIC       |
            Pod            | spec/ports                                         | ATOMIC       |
            Secret         | secrets                                            | ATOMIC       |
            ServiceAccount | imagePullSecrets                                   | ATOMIC       |
            Service        | spec/template/spec/ports                           | ATOMIC       |
            Pod            | status/addresses                                   | ATOMIC       |
            Pod            | spec/containers/*/resources/claims                 | ATOMIC       |
            """)
    void choosesTheStrategyOfAListByItsPathAndKind(String kind, String path, ListStrategy.Type type, String key) {
        ListStrategy strategy = MergeKeys.forList(kind, new FieldPath(Arrays.asList(path.split("/"))));

        assertThat(strategy).isEqualTo(new ListStrategy(type, key));
    }
}
