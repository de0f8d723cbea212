package io.kube4j.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SchemaTest {

    @Test
    void coversTheKindsKubectlSendsAsProtobuf() {
        assertThat(Schema.KUBERNETES.kinds()).contains(
                "v1 Namespace", "v1 ConfigMap", "v1 Secret", "v1 ServiceAccount", "v1 Service", "v1 Pod",
                "v1 ResourceQuota", "v1 Binding", "apps/v1 Deployment", "apps/v1 ReplicaSet", "batch/v1 Job",
                "batch/v1 CronJob", "rbac.authorization.k8s.io/v1 Role", "rbac.authorization.k8s.io/v1 ClusterRole",
                "rbac.authorization.k8s.io/v1 RoleBinding", "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
                "policy/v1 Eviction", "authorization.k8s.io/v1 SelfSubjectAccessReview",
                "authorization.k8s.io/v1 SelfSubjectRulesReview", "authorization.k8s.io/v1 SubjectAccessReview",
                "coordination.k8s.io/v1 Lease", "certificates.k8s.io/v1 CertificateSigningRequest");
    }

    @Test
    void givesEveryTopLevelKindItsObjectMetaAsField1() {
        for (String kind : Schema.KUBERNETES.kinds()) {
            String[] parts = kind.split(" ");
            MessageSpec spec = Schema.KUBERNETES.kind(parts[0], parts[1]).orElseThrow();

            assertThat(spec.field(1)).as(kind).isNotNull();
            assertThat(spec.field(1).json()).as(kind).isEqualTo("metadata");
            assertThat(spec.field(1).message()).as(kind).isEqualTo(MetaSchema.OBJECT_META);
        }
    }

    @Test
    void refusesAFieldNumberDeclaredTwice() {
        Schema.Builder schema = Schema.builder();
        MessageSpec.Builder message = schema.message("test.Twice").string(1, "a");

        assertThatThrownBy(() -> message.int32(1, "b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("test.Twice declares field 1 twice");
    }

    @Test
    void refusesAReferenceToAMessageNobodyDeclared() {
        Schema.Builder schema = Schema.builder();
        schema.message("test.Parent").object(1, "child", "test.Missing");

        assertThatThrownBy(schema::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("test.Parent.child refers to the unknown message test.Missing");
    }

    @Test
    void refusesAKindWithoutMessage() {
        Schema.Builder schema = Schema.builder().kind("v1", "Thing", "test.Thing");

        assertThatThrownBy(schema::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a kind refers to the unknown message test.Thing");
    }
}
