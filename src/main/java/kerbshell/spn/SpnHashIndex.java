package kerbshell.spn;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The duplicate scan's memory: for every SPN family key seen ({@link SpnMappings#familyKey}), a 64-bit hash, the
 * entry that held it and which service class it came as, in three primitive arrays (14 bytes an SPN, whatever the
 * directory's size). A key met again on another entry is reported to the caller, which keeps both SPNs as
 * candidates and confirms them by searching for their holders, so a hash collision can never produce a false
 * finding.
 */
final class SpnHashIndex {
    static final int NO_CONFLICT = -1;
    private static final long EMPTY = 0L;

    private long[] hashes = new long[1 << 16];
    private int[] entries = new int[1 << 16];
    private short[] origins = new short[1 << 16];
    private int size;

    /**
     * Records that {@code entry} holds an SPN whose family key has this hash ({@link SpnFamilyHash}), which came as
     * service class number {@code origin}; returns the origin recorded by another entry that held the same key
     * first, or {@link #NO_CONFLICT}.
     */
    int add(long hash, int entry, short origin) {
        if (size * 2 >= hashes.length) {
            grow();
        }
        int slot = slot(hashes, hash);
        if (hashes[slot] == EMPTY) {
            hashes[slot] = hash;
            entries[slot] = entry;
            origins[slot] = origin;
            size++;
            return NO_CONFLICT;
        }
        return entries[slot] != entry ? origins[slot] : NO_CONFLICT;
    }

    static long hash(String spn) {
        // FNV-1a over UTF-8; 0 is reserved for empty slots.
        long h = 0xcbf29ce484222325L;
        for (byte b : spn.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h == EMPTY ? 1 : h;
    }

    private static int slot(long[] table, long hash) {
        int mask = table.length - 1;
        int i = (int) (hash ^ (hash >>> 32)) & mask;
        while (table[i] != EMPTY && table[i] != hash) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldEntries = entries;
        short[] oldOrigins = origins;
        hashes = new long[oldHashes.length * 2];
        entries = new int[oldHashes.length * 2];
        origins = new short[oldHashes.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != EMPTY) {
                int slot = slot(hashes, oldHashes[i]);
                hashes[slot] = oldHashes[i];
                entries[slot] = oldEntries[i];
                origins[slot] = oldOrigins[i];
            }
        }
    }
}
