package kerbshell.spn;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link SpnHashIndex#hash} of an SPN's {@link SpnMappings#familyKey}, and the number of the mapped class it came
 * as, computed straight from the SPN's bytes as they came off the wire: no String, no lower-case copy, no key
 * built. The duplicate scan does this for every SPN in the forest, and those three copies were most of its own
 * time (a flight recording of 120,000 SPNs). An SPN with a byte outside ASCII, or without a service class, takes
 * the String way, which gives the same hash: the key's UTF-8 bytes. Not thread-safe: {@link #origin} is that of
 * the SPN last hashed.
 */
final class SpnFamilyHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final SpnMappings mappings;
    private final Map<String, Short> originOf;
    /** Open addressing over the lower-case classes the mappings name (aliases and targets), by their hash. */
    private final long[] classHashes;
    private final byte[][] classNames;
    private final byte[][] targets;
    private final short[] origins;
    private short origin;

    /**
     * @param originOf the number of each mapped class (1 and up), as the scan records it; 0 for any other class
     */
    SpnFamilyHash(SpnMappings mappings, Map<String, Short> originOf) {
        this.mappings = mappings;
        this.originOf = originOf;
        List<String> aliases = mappings.aliases();
        int size = Integer.highestOneBit(Math.max(4, aliases.size() * 2) * 4);
        classHashes = new long[size];
        classNames = new byte[size][];
        targets = new byte[size][];
        origins = new short[size];
        for (String alias : aliases) {
            String target = mappings.targetOf(alias).orElseThrow();
            put(alias, target, originOf.getOrDefault(alias, (short) 0));
            byte[] targetName = target.getBytes(StandardCharsets.UTF_8);
            if (classNames[find(targetName, targetName.length, hashOf(target), false)] == null) {
                put(target, null, originOf.getOrDefault(target, (short) 0));
            }
        }
    }

    private void put(String serviceClass, String target, short number) {
        byte[] name = serviceClass.getBytes(StandardCharsets.UTF_8);
        long hash = hashOf(serviceClass);
        int slot = find(name, name.length, hash, false);
        classHashes[slot] = hash;
        classNames[slot] = name;
        targets[slot] = target == null ? null : target.getBytes(StandardCharsets.UTF_8);
        origins[slot] = number;
    }

    /** The hash of the family key of the SPN whose UTF-8 bytes these are. */
    long hash(byte[] spn) {
        int slash = -1;
        long classHash = FNV_OFFSET;
        for (int i = 0; i < spn.length; i++) {
            int b = spn[i];
            if (b < 0) {
                return hashAsString(spn);
            }
            if (b == '/') {
                slash = i;
                break;
            }
            classHash = (classHash ^ lower(b)) * FNV_PRIME;
        }
        if (slash <= 0) {
            return hashAsString(spn);
        }
        int slot = find(spn, slash, classHash, true);
        long h;
        if (classNames[slot] == null) {
            h = classHash;
            origin = 0;
        } else {
            origin = origins[slot];
            h = targets[slot] == null ? classHash : fnv(FNV_OFFSET, targets[slot]);
        }
        for (int i = slash; i < spn.length; i++) {
            int b = spn[i];
            if (b < 0) {
                return hashAsString(spn);
            }
            h = (h ^ lower(b)) * FNV_PRIME;
        }
        return h == 0 ? 1 : h;
    }

    /** The number of the mapped class the SPN last hashed came as (0: not a mapped class). */
    short origin() {
        return origin;
    }

    private long hashAsString(byte[] spn) {
        String text = new String(spn, StandardCharsets.UTF_8);
        int slash = text.indexOf('/');
        String serviceClass = (slash < 0 ? text : text.substring(0, slash)).toLowerCase(Locale.ROOT);
        origin = originOf.getOrDefault(serviceClass, (short) 0);
        return SpnHashIndex.hash(mappings.familyKey(text));
    }

    /**
     * The slot holding the class whose lower-case bytes are the first {@code length} of {@code name} (compared as
     * lower case when {@code foldCase}: an SPN as it came), or the empty slot where they would go.
     */
    private int find(byte[] name, int length, long hash, boolean foldCase) {
        int mask = classHashes.length - 1;
        int i = (int) (hash ^ (hash >>> 32)) & mask;
        while (classNames[i] != null && !(classHashes[i] == hash && sameBytes(classNames[i], name, length, foldCase))) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static boolean sameBytes(byte[] name, byte[] other, int length, boolean lowerOther) {
        if (name.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (name[i] != (lowerOther ? lower(other[i]) : other[i])) {
                return false;
            }
        }
        return true;
    }

    private static long hashOf(String lowerCase) {
        return fnv(FNV_OFFSET, lowerCase.getBytes(StandardCharsets.UTF_8));
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    private static int lower(int asciiByte) {
        return asciiByte >= 'A' && asciiByte <= 'Z' ? asciiByte + ('a' - 'A') : asciiByte;
    }
}
