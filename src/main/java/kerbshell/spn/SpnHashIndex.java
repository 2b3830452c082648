package kerbshell.spn;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The duplicate scan's memory: for every SPN seen, a 64-bit hash of its lower-case form and the entry that held
 * it, in two primitive arrays (12 bytes an SPN, whatever the directory's size). An SPN whose hash was met on
 * another entry becomes a candidate, kept as text; candidates are confirmed by searching for their holders, so
 * a hash collision can never produce a false duplicate.
 */
final class SpnHashIndex {
    private static final long EMPTY = 0L;

    private long[] hashes = new long[1 << 16];
    private int[] entries = new int[1 << 16];
    private int size;
    private final Set<String> candidates = new HashSet<>();

    void add(String spn, int entry) {
        long hash = hash(spn);
        if (size * 2 >= hashes.length) {
            grow();
        }
        int slot = slot(hashes, hash);
        if (hashes[slot] == EMPTY) {
            hashes[slot] = hash;
            entries[slot] = entry;
            size++;
        } else if (entries[slot] != entry) {
            candidates.add(spn.toLowerCase(Locale.ROOT));
        }
    }

    /** SPNs seen on more than one entry, or colliding in hash with one that was: to be confirmed by their text. */
    Set<String> candidates() {
        return candidates;
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
        hashes = new long[oldHashes.length * 2];
        entries = new int[oldHashes.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != EMPTY) {
                int slot = slot(hashes, oldHashes[i]);
                hashes[slot] = oldHashes[i];
                entries[slot] = oldEntries[i];
            }
        }
    }
}
