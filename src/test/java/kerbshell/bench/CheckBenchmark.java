package kerbshell.bench;

import com.unboundid.ldap.sdk.Entry;
import kerbshell.diagnosis.CheckService;
import kerbshell.diagnosis.ClusterDiagnosis;
import kerbshell.diagnosis.Diagnosis;
import kerbshell.diagnosis.HostSet;
import kerbshell.directory.DirectoryConnector;
import kerbshell.directory.DirectorySession;
import kerbshell.lab.LabDomain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark, not a test (run by scripts/bench-check): {@code check pair}, {@code check cluster} and
 * {@code check clusters} (two clusters of 4, 8 and 16 nodes) on the lab with 64 Hyper-V hosts in a full delegation
 * mesh, command time only (the session is up), through the shell's own LDAP session. Prints medians of 5 after a
 * warm-up, and the LDAP operations per size.
 */
public final class CheckBenchmark {
    private static final String[] CLASSES = {"Microsoft Virtual System Migration Service",
            "Microsoft Virtual Console Service", "Hyper-V Replica Service"};

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        try (LabDomain lab = LabDomain.start(0, 0)) {
            List<String> names = populate(lab, hosts);
            try (DirectorySession session = lab.openSession(new DirectoryConnector())) {
                CheckService check = new CheckService(session);
                Diagnosis pair = null;
                long[] pairTimes = new long[6];
                for (int i = 0; i < pairTimes.length; i++) {
                    long t = System.nanoTime();
                    pair = check.pair(names.get(0), names.get(1), null, null);
                    pairTimes[i] = System.nanoTime() - t;
                }
                System.out.printf("check pair %s %s: median %.0f ms over 5 runs (after one warm-up); %d blocker(s); "
                                + "%d LDAP operations%n", names.get(0), names.get(1),
                        median(Arrays.copyOfRange(pairTimes, 1, 6)) / 1e6, pair.blockers(), pair.searches());
                for (int size : new int[] {8, 16, 32, hosts}) {
                    List<String> set = names.subList(0, Math.min(size, names.size()));
                    ClusterDiagnosis cluster = null;
                    long[] times = new long[6];
                    for (int i = 0; i < times.length; i++) {
                        long t = System.nanoTime();
                        cluster = check.cluster(set, null, null, null);
                        times[i] = System.nanoTime() - t;
                    }
                    System.out.printf("check cluster of %d hosts (%d ordered pairs): median %.0f ms over 5 runs; "
                                    + "%d LDAP operations; %d blocked pair(s)%n", set.size(), cluster.pairs().size(),
                            median(Arrays.copyOfRange(times, 1, 6)) / 1e6, cluster.searches(),
                            cluster.pairs().stream().filter(c -> c.worst() == kerbshell.rules.Severity.BLOCKER).count());
                }
                for (int side : new int[] {4, 8, Math.min(16, hosts / 2)}) {
                    HostSet a = new HostSet(names.subList(0, side), null, null);
                    HostSet b = new HostSet(names.subList(side, 2 * side), null, null);
                    ClusterDiagnosis clusters = null;
                    long[] times = new long[6];
                    for (int i = 0; i < times.length; i++) {
                        long t = System.nanoTime();
                        clusters = check.clusters(a, b, null, CheckService.Request.DEFAULT);
                        times[i] = System.nanoTime() - t;
                    }
                    System.out.printf("check clusters %d x %d nodes (%d ordered pairs): median %.0f ms over 5 runs; "
                                    + "%d LDAP operations; %d blocked pair(s)%n", side, side, clusters.pairs().size(),
                            median(Arrays.copyOfRange(times, 1, 6)) / 1e6, clusters.searches(),
                            clusters.pairs().stream().filter(c -> c.worst() == kerbshell.rules.Severity.BLOCKER).count());
                }
            }
        }
    }

    /** Hosts with their SPNs, each delegating to every other host's migration and cifs services. */
    private static List<String> populate(LabDomain lab, int hosts) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            names.add(String.format("HVC%02d", i));
        }
        for (String name : names) {
            String dns = name.toLowerCase() + ".lab.test";
            Entry entry = new Entry("CN=" + name + ",CN=Computers,DC=lab,DC=test");
            entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "user", "computer");
            entry.addAttribute("cn", name);
            entry.addAttribute("sAMAccountName", name + "$");
            entry.addAttribute("dNSHostName", dns);
            entry.addAttribute("userAccountControl", String.valueOf(0x1000 | 0x1000000));
            entry.addAttribute("msDS-SupportedEncryptionTypes", "28");
            entry.addAttribute("pwdLastSet", "133000000000000000");
            entry.addAttribute("operatingSystem", "Windows Server 2022 Datacenter");
            entry.addAttribute("operatingSystemVersion", "10.0 (20348)");
            entry.addAttribute("servicePrincipalName", "HOST/" + name, "HOST/" + dns);
            for (String serviceClass : CLASSES) {
                entry.addAttribute("servicePrincipalName", serviceClass + "/" + name, serviceClass + "/" + dns);
            }
            for (String other : names) {
                if (!other.equals(name)) {
                    String otherDns = other.toLowerCase() + ".lab.test";
                    entry.addAttribute("msDS-AllowedToDelegateTo", CLASSES[0] + "/" + other, CLASSES[0] + "/" + otherDns,
                            "cifs/" + other, "cifs/" + otherDns);
                }
            }
            lab.directory().system().add(entry);
        }
        return names;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
