package io.kube4j.apiserver.storage;

import java.util.List;

/**
 * One entry of an EncryptionConfiguration: the resources it covers and its providers. The first
 * provider writes; every provider reads what it wrote, so keys can be rotated by listing the new
 * one first and the old one after it.
 *
 * @param resources {@code secrets}, {@code deployments.apps}, {@code *.apps}, {@code *.} (the core group) or {@code *.*}
 */
record ResourceEncryption(List<String> resources, List<EnvelopeProvider> providers) {

    ResourceEncryption {
        resources = List.copyOf(resources);
        providers = List.copyOf(providers);
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("resources " + resources + " have no providers");
        }
    }

    /** Whether this entry covers {@code groupResource} ({@code secrets}, {@code leases.coordination.k8s.io}). */
    boolean covers(String groupResource) {
        int dot = groupResource.indexOf('.');
        String group = dot < 0 ? "" : groupResource.substring(dot + 1);
        for (String pattern : resources) {
            if (pattern.equals(groupResource) || pattern.equals("*.*") || pattern.equals("*." + group)) {
                return true;
            }
        }
        return false;
    }

    byte[] seal(String key, byte[] plain) {
        return providers.get(0).seal(key, plain);
    }

    /** @throws StorageException INTERNAL when no provider wrote the value or it does not decrypt */
    byte[] open(String key, byte[] stored) {
        for (EnvelopeProvider provider : providers) {
            if (provider.owns(stored)) {
                return provider.open(key, stored);
            }
        }
        throw new StorageException(StorageException.Kind.INTERNAL, "the value of " + key
                + " was written by no provider of the encryption configuration for " + resources);
    }
}
