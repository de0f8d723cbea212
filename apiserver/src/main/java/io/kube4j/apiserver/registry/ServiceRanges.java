package io.kube4j.apiserver.registry;

/**
 * The address range cluster IPs come from and the port range of node ports
 * ({@code --service-cluster-ip-range}, {@code --service-node-port-range}).
 *
 * @param clusterIpRange an IPv4 CIDR such as {@code 10.96.0.0/12}
 */
public record ServiceRanges(String clusterIpRange, int nodePortMin, int nodePortMax) {

    public static final ServiceRanges DEFAULT = new ServiceRanges("10.96.0.0/12", 30000, 32767);

    public ServiceRanges {
        Ipv4Range.parse(clusterIpRange);
        if (nodePortMin < 1 || nodePortMax > 65535 || nodePortMin > nodePortMax) {
            throw new IllegalArgumentException("invalid node port range " + nodePortMin + "-" + nodePortMax);
        }
    }

    /** {@code 30000-32767} (or a single port) as Kubernetes writes it. */
    public static ServiceRanges of(String clusterIpRange, String nodePortRange) {
        String[] parts = nodePortRange.trim().split("-", -1);
        try {
            int min = Integer.parseInt(parts[0].trim());
            int max = parts.length == 1 ? min : Integer.parseInt(parts[1].trim());
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            return new ServiceRanges(clusterIpRange, min, max);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid node port range \"" + nodePortRange + "\" (use e.g. 30000-32767)");
        }
    }

    public Ipv4Range ipRange() {
        return Ipv4Range.parse(clusterIpRange);
    }

    /** An IPv4 CIDR block; its first (network) and last (broadcast) addresses are never handed out. */
    public record Ipv4Range(long base, int prefix) {

        public static Ipv4Range parse(String cidr) {
            int slash = cidr == null ? -1 : cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("invalid CIDR \"" + cidr + "\" (use e.g. 10.96.0.0/12)");
            }
            long address = toLong(cidr.substring(0, slash));
            int prefix;
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (address < 0 || prefix < 8 || prefix > 30) {
                throw new IllegalArgumentException("invalid CIDR \"" + cidr + "\" (an IPv4 block from /8 to /30)");
            }
            long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            return new Ipv4Range(address & mask, prefix);
        }

        /** Addresses that may be handed out. */
        public long usable() {
            return (1L << (32 - prefix)) - 2;
        }

        /** The {@code i}-th usable address, 0-based. */
        public String address(long i) {
            return toText(base + 1 + i);
        }

        /** The index of a usable address, or -1 when {@code ip} is outside the range or not usable. */
        public long indexOf(String ip) {
            long value = toLong(ip);
            long i = value - base - 1;
            return value < 0 || i < 0 || i >= usable() ? -1 : i;
        }

        @Override
        public String toString() {
            return toText(base) + "/" + prefix;
        }

        /** The address as a number, or -1 when {@code ip} is not a dotted IPv4 address. */
        public static long toLong(String ip) {
            String[] parts = ip.split("\\.", -1);
            if (parts.length != 4) {
                return -1;
            }
            long value = 0;
            for (String part : parts) {
                if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                    return -1;
                }
                int octet = Integer.parseInt(part);
                if (octet > 255) {
                    return -1;
                }
                value = value << 8 | octet;
            }
            return value;
        }

        static String toText(long value) {
            return (value >> 24 & 255) + "." + (value >> 16 & 255) + "." + (value >> 8 & 255) + "." + (value & 255);
        }
    }
}
