package kerbshell.delegation;

import kerbshell.directory.Account;
import kerbshell.error.KerbshellException;
import kerbshell.spn.HyperVServices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The services a Hyper-V host delegates to on its partner, by the short names {@code --services} takes: VM moves
 * (migration), storage moves (cifs), the VM console and Hyper-V Replica.
 */
public enum DelegatedService {
    MIGRATION("migration", HyperVServices.MIGRATION),
    CIFS("cifs", "cifs"),
    CONSOLE("console", HyperVServices.CONSOLE),
    REPLICA("replica", HyperVServices.REPLICA);

    /** What live migration needs: VM moves and storage moves (Microsoft, "Set up hosts for live migration"). */
    public static final String DEFAULT = "migration,cifs";

    private final String word;
    private final String serviceClass;

    DelegatedService(String word, String serviceClass) {
        this.word = word;
        this.serviceClass = serviceClass;
    }

    public String word() {
        return word;
    }

    public String serviceClass() {
        return serviceClass;
    }

    /** {@code migration,cifs} to the services; an unknown name is a usage error listing the known ones. */
    public static List<DelegatedService> parse(String list) {
        Set<DelegatedService> services = new LinkedHashSet<>();
        for (String word : (list == null ? "" : list).split(",")) {
            String given = word.strip().toLowerCase(Locale.ROOT);
            if (given.isEmpty()) {
                continue;
            }
            services.add(Arrays.stream(values()).filter(s -> s.word.equals(given)).findFirst()
                    .orElseThrow(() -> KerbshellException.usage("unknown service '" + given + "' in --services: use "
                            + Arrays.stream(values()).map(DelegatedService::word).collect(Collectors.joining(", "))
                            + ", separated by commas")));
        }
        if (services.isEmpty()) {
            throw KerbshellException.usage("--services names no service: use e.g. --services " + DEFAULT);
        }
        return List.copyOf(services);
    }

    /** The SPNs of these services on a host, each in its short and its DNS form, as Hyper-V asks for them. */
    public static List<String> spnsOn(Account host, List<DelegatedService> services) {
        List<String> spns = new ArrayList<>();
        for (DelegatedService service : services) {
            for (String name : host.hostNames()) {
                spns.add(service.serviceClass + "/" + name);
            }
        }
        return spns;
    }
}
