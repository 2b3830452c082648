package kerbshell.spn;

import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.Ad;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up runs the scan's code over synthetic entries that UnboundID decodes like a DC's, all different, and
 * ends when told. (What it saves is a benchmark's question: docs/benchmarks.md.)
 */
class ScanWarmUpTest {
    private static final SpnOwnership RULES = new SpnOwnership(SpnMappings.parse(List.of("host=alerter,cifs,http")));

    @Test
    void decodesEveryEntryThroughAPassAndJudgesAResultOfBothKinds() {
        Set<String> dns = new HashSet<>();
        Set<String> spns = new HashSet<>();
        int[] values = {0};
        ScanWarmUp warmUp = new ScanWarmUp(() -> entry -> {
            dns.add(entry.getDN());
            for (String spn : entry.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME)) {
                spns.add(spn.toLowerCase(Locale.ROOT));
                values[0]++;
            }
        }, RULES, ScanWarmUp.ENTRIES);

        warmUp.run();

        assertEquals(ScanWarmUp.ENTRIES, warmUp.decoded());
        assertEquals(ScanWarmUp.ENTRIES, dns.size());
        assertEquals(6 * ScanWarmUp.ENTRIES, values[0]);
        assertEquals(values[0], spns.size(), "no two synthetic SPNs alike, so its pass meets no duplicate");
        assertTrue(spns.contains("host/warm02999.warm-up.invalid"), "numbered up to the last entry");
        assertEquals(2, warmUp.conflictsJudged(), "one duplicate and one shadowed SPN");
    }

    @Test
    void endsAtTheNextEntryOnceStopped() {
        ScanWarmUp[] warmUp = {null};
        int[] seen = {0};
        Consumer<SearchResultEntry> pass = entry -> {
            if (++seen[0] == 10) {
                warmUp[0].stop();
            }
        };
        warmUp[0] = new ScanWarmUp(() -> pass, RULES, ScanWarmUp.ENTRIES);

        warmUp[0].run();

        assertEquals(10, warmUp[0].decoded());
        assertEquals(0, warmUp[0].conflictsJudged(), "no judging once stopped");
    }

    @Test
    void runsOncePerJvm() {
        ScanWarmUp.startOnce(() -> entry -> { }, RULES).stop();

        ScanWarmUp later = ScanWarmUp.startOnce(() -> entry -> { }, RULES);

        assertTrue(later.stopped(), "a later scan's warm-up never runs");
    }
}
