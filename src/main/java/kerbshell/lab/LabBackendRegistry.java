package kerbshell.lab;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands each running lab KDC's principals to the identity backend Kerby creates for it.
 *
 * <p>Kerby builds its identity backend itself, by class name and no-argument constructor, so the live directory
 * cannot be passed in; the KDC registers its principals here under a fresh key and puts that key in the backend's
 * configuration, which Kerby does hand over. A key per KDC (rather than per realm) keeps two lab KDCs for the same
 * realm, as parallel tests may start, apart.
 */
final class LabBackendRegistry {
    private static final Map<String, LabKdcIdentities> REGISTERED = new ConcurrentHashMap<>();

    private LabBackendRegistry() {
    }

    static String register(LabKdcIdentities identities) {
        String key = UUID.randomUUID().toString();
        REGISTERED.put(key, identities);
        return key;
    }

    static LabKdcIdentities lookup(String key) {
        return key == null ? null : REGISTERED.get(key);
    }

    static void unregister(String key) {
        REGISTERED.remove(key);
    }
}
