package kerbshell.bench;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import kerbshell.directory.DirectoryConnector;
import kerbshell.directory.DirectorySession;
import kerbshell.lab.LabDomain;
import kerbshell.output.Progress;
import kerbshell.spn.DuplicateScanner;
import kerbshell.spn.DuplicateSpns;
import kerbshell.spn.SpnMatches;
import kerbshell.spn.SpnService;

/**
 * Benchmark, not a test (run by scripts/bench-spn): {@code spn duplicates} and {@code spn find} on a lab directory
 * of N computer accounts with the six Hyper-V SPNs each, through the same LDAP session the shell uses. Prints
 * wall-clock times (median of 5) and the heap the scan adds. Figures go to docs/benchmarks.md.
 */
public final class SpnScanBenchmark {
    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (LabDomain lab = LabDomain.start(0, 0)) {
            long start = System.nanoTime();
            populate(lab, hosts);
            System.out.printf("populated %d computer accounts in %.1f s%n", hosts, (System.nanoTime() - start) / 1e9);
            lab.directory().system().modify("CN=HV77,CN=Computers,DC=lab,DC=test",
                    new com.unboundid.ldap.sdk.Modification(com.unboundid.ldap.sdk.ModificationType.ADD,
                            "servicePrincipalName", "Hyper-V Replica Service/HV78"));
            try (DirectorySession session = lab.openSession(new DirectoryConnector())) {
                long[] scan = new long[5];
                DuplicateSpns result = null;
                long baseline = usedHeapAfterGc();
                long[] peak = {0};
                for (int i = 0; i < scan.length; i++) {
                    long t = System.nanoTime();
                    result = new DuplicateScanner(session).scan(null, new Progress() {
                        public void update(long done) {
                            if (done % 20_000 == 0) {
                                peak[0] = Math.max(peak[0], usedHeapAfterGc() - baseline);
                            }
                        }

                        public void done() {
                        }
                    });
                    scan[i] = System.nanoTime() - t;
                }
                System.out.printf("spn duplicates: median %.2f s over 5 runs; %d SPNs on %d accounts; %d duplicate(s)"
                                + " found; heap held by the scan at most %.1f MiB%n", median(scan) / 1e9,
                        result.spnsScanned(), result.accountsScanned(), result.conflicts().size(), peak[0] / 1048576.0);
                long[] find = new long[5];
                SpnMatches matches = null;
                for (int i = 0; i < find.length; i++) {
                    long t = System.nanoTime();
                    matches = new SpnService(session).find("*/hv777*");
                    find[i] = System.nanoTime() - t;
                }
                System.out.printf("spn find \"*/hv777*\": median %.2f s over 5 runs; %d matches%n",
                        median(find) / 1e9, matches.matches().size());
            }
        }
    }

    private static void populate(LabDomain lab, int hosts) throws LDAPException {
        String[] classes = {"Microsoft Virtual System Migration Service", "Microsoft Virtual Console Service",
                "Hyper-V Replica Service"};
        for (int i = 0; i < hosts; i++) {
            String name = "HV" + (i + 3);
            String dns = name.toLowerCase() + ".lab.test";
            Entry entry = new Entry("CN=" + name + ",CN=Computers,DC=lab,DC=test");
            entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "user", "computer");
            entry.addAttribute("cn", name);
            entry.addAttribute("sAMAccountName", name + "$");
            entry.addAttribute("dNSHostName", dns);
            entry.addAttribute("userAccountControl", "4096");
            for (String serviceClass : classes) {
                entry.addAttribute("servicePrincipalName", serviceClass + "/" + name, serviceClass + "/" + dns);
            }
            lab.directory().system().add(entry);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
