package io.kube4j.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void readsAKubeProxyConfiguration() {
        ProxyConfig c = ConfigLoader.parse("""
                apiVersion: kubeproxy.config.k8s.io/v1alpha1
                kind: KubeProxyConfiguration
                mode: ipvs
                bindAddress: 127.0.0.1
                healthzBindAddress: 127.0.0.1:0
                metricsBindAddress: 127.0.0.1:10249
                clusterCIDR: 10.244.0.0/16
                nodePortAddresses: [127.0.0.0/8]
                clientConnection: {kubeconfig: /etc/kube-proxy.kubeconfig}
                ipvs: {scheduler: sh, syncPeriod: 10s}
                """);
        assertThat(c.mode()).isEqualTo(ProxyMode.IPVS);
        assertThat(c.scheduler()).isEqualTo("sh");
        assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.clusterCidr()).isEqualTo("10.244.0.0/16");
        assertThat(c.nodePortAddresses()).containsExactly("127.0.0.0/8");
        assertThat(c.kubeconfig()).hasToString("/etc/kube-proxy.kubeconfig");
        assertThat(c.syncPeriod()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anEmptyFileGivesTheDefaults() {
        assertThat(ConfigLoader.parse("")).isEqualTo(ProxyConfig.DEFAULT);
        assertThat(ProxyConfig.DEFAULT.mode()).isEqualTo(ProxyMode.USERSPACE);
        assertThat(ProxyConfig.DEFAULT.scheduler()).isEqualTo("rr");
        assertThat(ProxyConfig.DEFAULT.healthzBindAddress()).isEqualTo("0.0.0.0:10256");
        assertThat(ProxyConfig.DEFAULT.metricsBindAddress()).isEqualTo("127.0.0.1:10249");
    }

    @Test
    void namesTheFieldAtFault() {
        assertThatThrownBy(() -> ConfigLoader.parse("ipvs: {scheduler: fastest}"))
                .hasMessageContaining("ipvs.scheduler").hasMessageContaining("fastest");
        assertThatThrownBy(() -> ConfigLoader.parse("ipvs: {schedular: rr}"))
                .hasMessageContaining("ipvs.schedular: unknown field");
        assertThatThrownBy(() -> ConfigLoader.parse("mode: kernelspace")).hasMessageContaining("mode");
        assertThatThrownBy(() -> ConfigLoader.parse("healthzBindAddress: localhost")).hasMessageContaining("healthzBindAddress");
        assertThatThrownBy(() -> ConfigLoader.parse("nodePortAddresses: [300.0.0.0/8]")).hasMessageContaining("nodePortAddresses");
        assertThatThrownBy(() -> ConfigLoader.parse("kind: KubeletConfiguration")).hasMessageContaining("kind");
        assertThatThrownBy(() -> ConfigLoader.parse("mode: [")).hasMessageContaining("not valid YAML");
    }

    @Test
    void nodePortAddressesResolveToLocalAddresses() {
        assertThat(Cidr.localAddresses(List.of("127.0.0.0/8"), "0.0.0.0")).extracting(a -> a.getHostAddress()).contains("127.0.0.1");
        assertThat(Cidr.localAddresses(List.of("127.0.0.7/32"), "0.0.0.0")).extracting(a -> a.getHostAddress()).containsExactly("127.0.0.7");
        assertThat(Cidr.localAddresses(List.of(), "0.0.0.0")).extracting(a -> a.getHostAddress()).containsExactly("0.0.0.0");
    }
}
