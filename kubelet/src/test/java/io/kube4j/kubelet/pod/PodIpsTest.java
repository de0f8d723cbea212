package io.kube4j.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PodIpsTest {

    @Test
    void handsOutAddressesFromTheCidrSkippingNetworkAndGateway() {
        PodIps ips = new PodIps("127.1.0.0/16");
        assertThat(ips.allocate("a")).isEqualTo("127.1.0.2");
        assertThat(ips.allocate("b")).isEqualTo("127.1.0.3");
        assertThat(ips.allocate("a")).isEqualTo("127.1.0.2");
    }

    @Test
    void neverGivesOneAddressToTwoPodsEvenAfterARestore() {
        PodIps ips = new PodIps("10.0.0.0/30");
        ips.restore("old", "10.0.0.2");
        assertThatThrownBy(() -> ips.allocate("new")).hasMessageContaining("full");
        ips.release("old");
        assertThat(ips.allocate("new")).isEqualTo("10.0.0.2");
    }
}
