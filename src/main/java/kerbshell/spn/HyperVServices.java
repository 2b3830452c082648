package kerbshell.spn;

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

    /** Whether an SPN is of one of the three Hyper-V service classes (compared as the KDC does, ignoring case). */
    public static boolean isHyperV(String spn) {
        return CLASSES.stream().anyMatch(c -> spn.regionMatches(true, 0, c + "/", 0, c.length() + 1));
    }
}
