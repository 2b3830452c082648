package kerbshell.spn;

import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchResultEntryProtocolOp;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.Ad;
import kerbshell.output.Json;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work for the JIT compiler while the DC works out a forest-wide scan. Samba sends no entry before it has all of
 * them (0.4 to 0.6 s for 20,000 accounts) and a freshly launched JVM idles meanwhile; then its first 2,000
 * entries took 85 to 130 ms, the next 2,000 about 15, because the transfer's code ran interpreted until the
 * compiler had seen it often enough. So the first scan in a JVM starts this on a thread of its own, which runs the
 * same code over synthetic entries: UnboundID's decoding of search result entries from a buffered stream (as its
 * connection reader does, before handing each to the scan: {@code ReaderThreadSearch}), a scan pass of its own
 * (the hashing), and then the judging and JSON of a result. Nothing it makes reaches the real scan: its pass, its
 * holders and its result are its own, on names under {@code .invalid}. It stops at the real scan's first entry.
 */
final class ScanWarmUp implements Runnable {
    /** Enough for the compiler to take every method on the entries' path (measured: 3,000 halve the ramp). */
    static final int ENTRIES = 3_000;
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final String NAME = "warm00000";
    private static final int COUNTER_DIGITS = 5;
    private static final String DOMAIN = ".warm-up.invalid";

    private final Supplier<Consumer<SearchResultEntry>> pass;
    private final SpnOwnership rules;
    private final int entries;
    private volatile boolean stopped;
    private int decoded;
    private int conflictsJudged;

    ScanWarmUp(Supplier<Consumer<SearchResultEntry>> pass, SpnOwnership rules, int entries) {
        this.pass = pass;
        this.rules = rules;
        this.entries = entries;
    }

    /**
     * Starts the warm-up on a daemon thread the first time a scan asks in this JVM, with a scan pass of its own
     * from {@code pass}; later scans run compiled code already and get one that never runs.
     */
    static ScanWarmUp startOnce(Supplier<Consumer<SearchResultEntry>> pass, SpnOwnership rules) {
        ScanWarmUp warmUp = new ScanWarmUp(pass, rules, ENTRIES);
        if (!STARTED.compareAndSet(false, true)) {
            warmUp.stop();
            return warmUp;
        }
        Thread thread = new Thread(warmUp, "kerbshell-scan-warm-up");
        thread.setDaemon(true);
        thread.start();
        return warmUp;
    }

    /** The real entries are arriving (or the scan is over): the warm-up ends at its next entry. */
    void stop() {
        stopped = true;
    }

    /**
     * Runs until every synthetic entry went through, or until stopped. It only saves time, so whatever goes wrong
     * in it ends it quietly; {@code ScanWarmUpTest} checks that it runs through.
     */
    @Override
    public void run() {
        try {
            decodeAndScan();
            if (!stopped) {
                judgeAndWrite();
            }
        } catch (LDAPException | RuntimeException e) {
            stopped = true;
        }
    }

    private void decodeAndScan() throws LDAPException {
        ASN1StreamReader reader = new ASN1StreamReader(new BufferedInputStream(new SyntheticEntries(entries)), 0);
        Consumer<SearchResultEntry> scan = pass.get();
        while (!stopped && decoded < entries) {
            if (LDAPMessage.readLDAPResponseFrom(reader, true, null) instanceof SearchResultEntry entry) {
                scan.accept(entry);
                decoded++;
            }
        }
    }

    /** A result of one duplicate and one shadowed SPN, judged by the forest's rules and written as JSON. */
    private void judgeAndWrite() {
        List<SpnConflict> conflicts = new ArrayList<>(rules.judge(List.of(
                holder("Hyper-V Replica Service/warm00001", "warm00001"),
                holder("Hyper-V Replica Service/warm00001", "warm00002")), List.of()));
        conflicts.addAll(rules.judge(List.of(
                holder("cifs/warm00001" + DOMAIN, "warm00002"),
                holder("HOST/warm00001" + DOMAIN, "warm00001")), List.of()));
        Json.compact(new DuplicateSpns("the warm-up", null, 2, 4, rules.mappings().aliasesOf("host").size(),
                conflicts));
        conflictsJudged = conflicts.size();
    }

    /** Host {@code name}'s computer account, holding {@code spn}. */
    private static SpnHolder holder(String spn, String name) {
        return new SpnHolder(spn, name + "$", dnOf(name), name + DOMAIN);
    }

    private static String dnOf(String name) {
        return "CN=" + name + ",CN=Computers,DC=warm-up,DC=invalid";
    }

    boolean stopped() {
        return stopped;
    }

    int decoded() {
        return decoded;
    }

    int conflictsJudged() {
        return conflictsJudged;
    }

    /**
     * The LDAP messages of {@code count} search result entries, warm00000 upwards, each with a computer's SPNs: one
     * encoded message whose five-digit counter is rewritten in place, so every entry differs (the pass then hashes
     * them as new SPNs, as it does nearly all real ones) and only one entry is ever held.
     */
    private static final class SyntheticEntries extends InputStream {
        private final byte[] message;
        private final int[] counters;
        private final int count;
        private int index;
        private int position;

        SyntheticEntries(int count) {
            String fqdn = NAME + DOMAIN;
            Attribute spns = new Attribute(Ad.SERVICE_PRINCIPAL_NAME, "HOST/" + NAME, "HOST/" + fqdn,
                    "RestrictedKrbHost/" + fqdn, "Microsoft Virtual System Migration Service/" + NAME,
                    "Microsoft Virtual System Migration Service/" + fqdn, "Hyper-V Replica Service/" + fqdn);
            this.message = new LDAPMessage(2, new SearchResultEntryProtocolOp(dnOf(NAME), List.of(spns)))
                    .encode().encode();
            this.counters = counterOffsets(message);
            this.count = count;
        }

        private static int[] counterOffsets(byte[] message) {
            byte[] name = NAME.getBytes(StandardCharsets.US_ASCII);
            List<Integer> offsets = new ArrayList<>();
            for (int i = 0; i + name.length <= message.length; i++) {
                if (java.util.Arrays.equals(message, i, i + name.length, name, 0, name.length)) {
                    offsets.add(i + name.length - COUNTER_DIGITS);
                }
            }
            return offsets.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (index >= count) {
                return -1;
            }
            if (position == 0) {
                number(index);
            }
            int n = Math.min(length, message.length - position);
            System.arraycopy(message, position, buffer, offset, n);
            position += n;
            if (position == message.length) {
                position = 0;
                index++;
            }
            return n;
        }

        private void number(int entry) {
            for (int offset : counters) {
                int rest = entry;
                for (int digit = COUNTER_DIGITS - 1; digit >= 0; digit--) {
                    message[offset + digit] = (byte) ('0' + rest % 10);
                    rest /= 10;
                }
            }
        }

        @Override
        public void close() {
            index = count;
        }
    }
}
