package io.kube4j.certs.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.96.0.0/12   | 10.96.0.1
            10.96.5.7/12   | 10.96.0.1
            10.100.0.0/12  | 10.96.0.1
            192.168.4.0/24 | 192.168.4.1
            10.0.0.0/30    | 10.0.0.1
            fd00::/108     | fd00::1
            fd00::1:0/112  | fd00::1:1
            """)
    void theServiceIpIsTheFirstAddressAfterTheNetworkOfTheRange(String cidr, String expected) throws Exception {
        // Host bits are masked first: 10.100.0.0/12 is the network 10.96.0.0 (0x64 & 0xf0 = 0x60).
        assertThat(Names.firstServiceIp(cidr)).isEqualTo(InetAddress.getByName(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.96.0.0", "10.96.0.0/", "10.96.0.0/x", "10.96.0.0/33", "10.0.0.0/31",
        "10.0.0.0/32", "fd00::/127", "fd00::/129", "myhost/12", "10.96.0/12"})
    void rangesWithoutRoomForAServiceIpAreRejected(String cidr) {
        assertThatThrownBy(() -> Names.firstServiceIp(cidr))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(cidr);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            myhost               | DNS | myhost
            MyHost.Example.com   | DNS | myhost.example.com
            node-1.local         | DNS | node-1.local
            10.0.0.5a            | DNS | 10.0.0.5a
            10.0.0.5             | IP  | 10.0.0.5
            ::1                  | IP  | ::1
            fd00:0:0::5          | IP  | fd00::5
            """)
    void hostsAreIpAddressesWhenTheyLookLikeOneAndLowerCaseDnsNamesOtherwise(
            String host, String kind, String expected) throws Exception {
        SubjectNames names = SubjectNames.parse(List.of(host));

        if (kind.equals("IP")) {
            assertThat(names.ipAddresses()).containsExactly(InetAddress.getByName(expected));
            assertThat(names.dnsNames()).isEmpty();
        } else {
            assertThat(names.dnsNames()).containsExactly(expected);
            assertThat(names.ipAddresses()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.300", "1.2.3", "10", "::zz", "1:2:3", "[::1]", "bad_host", "-lead", "trail-",
        "a..b", "*.example.com", "host name", ""})
    void hostsThatAreNeitherAnIpNorADnsNameAreRejected(String host) {
        assertThatThrownBy(() -> SubjectNames.parse(List.of(host)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + host + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"n1", "node-1", "node-1.example.com", "10.0.0.7", "0node"})
    void nodeNamesAreLowerCaseRfc1123Subdomains(String node) {
        assertThat(Names.requireNodeName(node)).isEqualTo(node);
    }

    @ParameterizedTest
    @ValueSource(strings = {"N1", "node_1", "node-", ".node", "node..x", "1.2.3", ""})
    void otherNodeNamesAreRejected(String node) {
        assertThatThrownBy(() -> Names.requireNodeName(node))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + node + "'");
    }

    @Test
    void namesLongerThanDnsAllowsAreRejected() {
        String label64 = "a".repeat(64);
        String name254 = ("a".repeat(49) + ".").repeat(5) + "abcd"; // 5 * 50 + 4 = 254 characters

        assertThatThrownBy(() -> Names.requireNodeName(label64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Names.requireNodeName(name254)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Names.requireNodeName(name254.substring(1))).hasSize(253);
    }

    @Test
    void aNodeListedTwiceIsRejected() {
        assertThatThrownBy(() -> Names.requireNodeNames(List.of("n1", "n2", "n1")))
                .hasMessage("node 'n1' is listed twice");
    }
}
