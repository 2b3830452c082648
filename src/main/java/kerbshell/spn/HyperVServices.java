package kerbshell.spn;

import kerbshell.directory.Account;

import java.util.ArrayList;
import java.util.List;

/**
 * The SPNs VMMS registers on a Hyper-V host's computer account: three service classes, each with the short name
 * and the DNS name (Microsoft, "Set up hosts for live migration without Failover Clustering"; KB 2761899).
 */
public final class HyperVServices {
    public static final String MIGRATION = "Microsoft Virtual System Migration Service";
    public static final String CONSOLE = "Microsoft Virtual Console Service";
    public static final String REPLICA = "Hyper-V Replica Service";
    public static final List<String> CLASSES = List.of(MIGRATION, CONSOLE, REPLICA);

    private HyperVServices() {
    }

    /** The six SPNs for a host: each class with the short name, then with the DNS name when it is set. */
    public static List<String> spnsFor(Account host) {
        List<String> spns = new ArrayList<>();
        for (String serviceClass : CLASSES) {
            for (String name : host.hostNames()) {
                spns.add(serviceClass + "/" + name);
            }
        }
        return spns;
    }
}
