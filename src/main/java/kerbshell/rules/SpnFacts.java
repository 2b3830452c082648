package kerbshell.rules;

import kerbshell.account.AccountSnapshot;
import kerbshell.spn.HyperVServices;
import kerbshell.spn.SpnOwnership;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who holds the SPNs a verdict depends on, forest-wide, and which service classes a host's HOST/ key serves
 * (the forest's sPNMappings): the SPN side of the rule book's input, read in bulk by the caller. Judges an SPN the
 * way an AD KDC looks it up: an explicit holder first, else through sPNMappings the holder of HOST/ for that host;
 * two holders is a duplicate, for which the KDC issues no ticket (KDC event 11).
 *
 * @param holders      for each SPN asked about (lower case), the accounts holding it; an SPN not in the map was
 *                     not looked up, which is a programming error, not "nobody"
 * @param hostMapped   the service classes (lower case) sPNMappings maps to HOST
 */
public record SpnFacts(Map<String, List<Holder>> holders, Set<String> hostMapped) {

    /** An account holding an SPN. */
    public record Holder(String samAccountName, String dn) {
        public boolean is(AccountSnapshot account) {
            return dn.equalsIgnoreCase(account.dn());
        }
    }

    /** Where the KDC finds one SPN, seen from the host it should belong to. */
    public enum State {
        /** Held by the host alone. */
        HELD,
        /** Not registered itself, served by the host's own HOST/ through sPNMappings. */
        COVERED,
        /** No account holds it, nor the HOST/ it maps to. */
        MISSING,
        /** One other account holds it (or the HOST/ it maps to). */
        ELSEWHERE,
        /** An explicit SPN of a class HOST/ serves, held by another account while the host holds HOST/. */
        SHADOWED,
        /** Two or more accounts hold it (or the HOST/ it maps to): the KDC issues no ticket for it. */
        DUPLICATE
    }

    /**
     * @param via     the HOST/ SPN the KDC used through sPNMappings, or null when the SPN is held itself
     * @param holders the accounts holding the SPN (or {@code via})
     */
    public record Verdict(String spn, State state, String via, List<Holder> holders) {
        public List<String> names() {
            return holders.stream().map(Holder::samAccountName).toList();
        }

        /** The holders other than the host. */
        public List<Holder> others(AccountSnapshot host) {
            return holders.stream().filter(h -> !h.is(host)).toList();
        }

        /** Whether the KDC finds exactly one account for it. */
        public boolean resolves() {
            return holders.size() == 1;
        }

        /** What the KDC answers in words: "HV02$", "HV02$ (through HOST/hv02)", "no account", "HV02$ and HV03$". */
        public String heldByWords() {
            if (holders.isEmpty()) {
                return "no account";
            }
            return String.join(" and ", names()) + (via == null ? "" : " (through " + via + ")");
        }
    }

    public SpnFacts {
        holders = Map.copyOf(holders);
        hostMapped = Set.copyOf(hostMapped);
    }

    /** The SPNs whose holders the rule book needs for these accounts: their Hyper-V, HOST/ and cifs SPNs in both
     * name forms, and every constrained delegation target with the HOST/ SPN it maps to. */
    public static List<String> lookUps(List<AccountSnapshot> accounts) {
        Set<String> spns = new LinkedHashSet<>();
        for (AccountSnapshot account : accounts) {
            for (String name : account.hostNames()) {
                HyperVServices.CLASSES.forEach(c -> spns.add(c + "/" + name));
                spns.add("HOST/" + name);
                spns.add("cifs/" + name);
            }
            for (String target : account.allowedToDelegateTo()) {
                spns.add(target);
                String host = hostPart(target);
                if (host != null) {
                    spns.add("HOST/" + host);
                }
            }
        }
        return new ArrayList<>(spns);
    }

    public List<Holder> holdersOf(String spn) {
        List<Holder> found = holders.get(spn.toLowerCase(Locale.ROOT));
        if (found == null) {
            throw new IllegalStateException("the holders of " + spn + " were not looked up");
        }
        return found;
    }

    /** Where the KDC finds {@code spn}, judged for {@code host}, the account it should belong to. */
    public Verdict judge(String spn, AccountSnapshot host) {
        List<Holder> explicit = holdersOf(spn);
        String serviceClass = serviceClass(spn);
        String hostSpn = hostPart(spn) == null ? null : "HOST/" + hostPart(spn);
        boolean mapped = serviceClass != null && !serviceClass.equalsIgnoreCase("host")
                && hostMapped.contains(serviceClass.toLowerCase(Locale.ROOT));
        if (!explicit.isEmpty()) {
            if (explicit.size() > 1) {
                return new Verdict(spn, State.DUPLICATE, null, explicit);
            }
            if (explicit.get(0).is(host)) {
                return new Verdict(spn, State.HELD, null, explicit);
            }
            boolean hostHoldsHostSpn = mapped && hostSpn != null && holders.containsKey(hostSpn.toLowerCase(Locale.ROOT))
                    && holdersOf(hostSpn).stream().anyMatch(h -> h.is(host));
            return new Verdict(spn, hostHoldsHostSpn ? State.SHADOWED : State.ELSEWHERE, null, explicit);
        }
        if (!mapped || hostSpn == null) {
            return new Verdict(spn, State.MISSING, null, List.of());
        }
        List<Holder> viaHolders = holdersOf(hostSpn);
        if (viaHolders.isEmpty()) {
            return new Verdict(spn, State.MISSING, null, List.of());
        }
        if (viaHolders.size() > 1) {
            return new Verdict(spn, State.DUPLICATE, hostSpn, viaHolders);
        }
        return new Verdict(spn, viaHolders.get(0).is(host) ? State.COVERED : State.ELSEWHERE, hostSpn, viaHolders);
    }

    /** Where the KDC finds an SPN, whoever should hold it (for delegation targets). */
    public Verdict resolve(String spn) {
        List<Holder> explicit = holdersOf(spn);
        if (!explicit.isEmpty()) {
            return new Verdict(spn, explicit.size() > 1 ? State.DUPLICATE : State.HELD, null, explicit);
        }
        String serviceClass = serviceClass(spn);
        String host = hostPart(spn);
        if (serviceClass == null || host == null || !hostMapped.contains(serviceClass.toLowerCase(Locale.ROOT))) {
            return new Verdict(spn, State.MISSING, null, List.of());
        }
        String hostSpn = "HOST/" + host;
        List<Holder> via = holders.containsKey(hostSpn.toLowerCase(Locale.ROOT)) ? holdersOf(hostSpn) : List.of();
        return new Verdict(spn, via.isEmpty() ? State.MISSING : via.size() > 1 ? State.DUPLICATE : State.COVERED,
                via.isEmpty() ? null : hostSpn, via);
    }

    /** The classes HOST/ serves, for messages: "cifs, http, rpcss" (the first few). */
    String coveredClassesWords() {
        List<String> some = hostMapped.stream().sorted().limit(6).toList();
        return some.isEmpty() ? "no class (sPNMappings is empty)"
                : some.stream().collect(Collectors.joining(", ")) + (hostMapped.size() > some.size()
                ? " and " + (hostMapped.size() - some.size()) + " more" : "");
    }

    private static String serviceClass(String spn) {
        int slash = spn.indexOf('/');
        return slash <= 0 ? null : spn.substring(0, slash);
    }

    /** The host part of an SPN as written ("cifs/hv02.lab.test:445/x" gives "hv02.lab.test"), or null when the SPN
     * has no service class or no host. */
    static String hostPart(String spn) {
        if (spn.indexOf('/') <= 0) {
            return null;
        }
        String host = SpnOwnership.hostAsWritten(spn);
        return host.isEmpty() ? null : host;
    }
}
