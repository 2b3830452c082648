package kerbshell.rules;

import kerbshell.account.AccountSnapshot;
import kerbshell.spn.HyperVServices;
import kerbshell.spn.SpnConflict;
import kerbshell.spn.SpnHolder;
import kerbshell.spn.SpnMappings;
import kerbshell.spn.SpnOwnership;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who holds the SPNs a verdict depends on, forest-wide, and which service classes a host's HOST/ key serves
 * (the forest's sPNMappings): the SPN side of the rule book's input, read in bulk by the caller. Judges an SPN the
 * way an AD KDC looks it up: an explicit holder first, else through sPNMappings the holder of HOST/ for that host;
 * two holders is a duplicate, for which the KDC issues no ticket (KDC event 11). What is a duplicate and what shadows
 * is {@link SpnOwnership}'s judgement, the one {@code spn duplicates} makes. Immutable.
 *
 * <p>{@code holders}: for each SPN asked about (lower case), the accounts holding it; an SPN not in the map was not
 * looked up, which is a programming error, not "nobody". {@code hostMapped}: the service classes (lower case)
 * sPNMappings maps to HOST.
 */
public final class SpnFacts {
    private final Map<String, List<Holder>> holders;
    private final Set<String> hostMapped;
    /** The rules of SPN ownership ({@code spn duplicates}'s): what is a duplicate, what shadows, what stands in. */
    private final SpnOwnership ownership;

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

    /** Accounts the hosts of SPNs no account holds name (their dNSHostName or account name): who lost them. */
    private final List<SpnHolder> named;

    public SpnFacts(Map<String, List<Holder>> holders, Set<String> hostMapped) {
        this(holders, hostMapped, List.of());
    }

    private SpnFacts(Map<String, List<Holder>> holders, Set<String> hostMapped, List<SpnHolder> named) {
        this.holders = Map.copyOf(holders);
        this.hostMapped = Set.copyOf(hostMapped);
        this.ownership = new SpnOwnership(SpnMappings.parse(List.of("host=" + String.join(",", new TreeSet<>(
                this.hostMapped)))));
        this.named = List.copyOf(named);
    }

    /**
     * These facts, knowing also the accounts that the hosts of {@link #ghostTargets ghost targets} name: then a ghost
     * whose host still has an account is one that account lost ({@link #owner}), not one to remove.
     */
    public SpnFacts withAccountsNamed(List<SpnHolder> accounts) {
        return new SpnFacts(holders, hostMapped, accounts);
    }

    /** The constrained delegation targets of these accounts that no account holds, nor the HOST/ standing in. */
    public List<String> ghostTargets(List<AccountSnapshot> accounts) {
        return accounts.stream().flatMap(a -> a.allowedToDelegateTo().stream())
                .filter(t -> resolve(t).state() == State.MISSING).distinct().toList();
    }

    /** The SPN the KDC serves this one with when no account holds it (HOST/hv02 for cifs/hv02), or itself. */
    public String standInOrSelf(String spn) {
        String via = ownership.standIn(spn);
        return via == null ? spn : via;
    }

    /** The account an SPN nobody holds belongs to, when its host names one ({@link SpnOwnership#rightfulAccount}). */
    public java.util.Optional<Holder> owner(String spn) {
        return SpnOwnership.rightfulAccount(spn, named).map(h -> new Holder(h.account(), h.dn()));
    }

    public Map<String, List<Holder>> holders() {
        return holders;
    }

    public Set<String> hostMapped() {
        return hostMapped;
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

    /**
     * Where the KDC finds {@code spn}, judged for {@code host}, the account it should belong to. What is a duplicate
     * and what shadows is {@link SpnOwnership#judge}'s call, the one {@code spn duplicates} makes.
     */
    public Verdict judge(String spn, AccountSnapshot host) {
        List<Holder> explicit = holdersOf(spn);
        String via = ownership.standIn(spn);
        List<Holder> covering = via == null ? List.of() : explicit.isEmpty() ? holdersOf(via) : lookedUp(via);
        List<SpnConflict> conflicts = conflicts(spn, explicit, via, covering);
        if (!explicit.isEmpty()) {
            if (has(conflicts, SpnConflict.Kind.DUPLICATE, spn)) {
                return new Verdict(spn, State.DUPLICATE, null, explicit);
            }
            if (explicit.get(0).is(host)) {
                return new Verdict(spn, State.HELD, null, explicit);
            }
            boolean shadowsHost = conflicts.stream().anyMatch(c -> c.kind() == SpnConflict.Kind.SHADOWED
                    && c.spn().equalsIgnoreCase(spn) && c.shadowed().stream().anyMatch(h -> h.dn().equalsIgnoreCase(
                    host.dn())));
            return new Verdict(spn, shadowsHost ? State.SHADOWED : State.ELSEWHERE, null, explicit);
        }
        if (covering.isEmpty()) {
            return new Verdict(spn, State.MISSING, null, List.of());
        }
        if (has(conflicts, SpnConflict.Kind.DUPLICATE, via)) {
            return new Verdict(spn, State.DUPLICATE, via, covering);
        }
        return new Verdict(spn, covering.get(0).is(host) ? State.COVERED : State.ELSEWHERE, via, covering);
    }

    /** Where the KDC finds an SPN, whoever should hold it (for delegation targets). */
    public Verdict resolve(String spn) {
        List<Holder> explicit = holdersOf(spn);
        String via = ownership.standIn(spn);
        List<Holder> covering = via == null || !explicit.isEmpty() ? List.of() : lookedUp(via);
        List<SpnConflict> conflicts = conflicts(spn, explicit, via, covering);
        if (!explicit.isEmpty()) {
            return new Verdict(spn, has(conflicts, SpnConflict.Kind.DUPLICATE, spn) ? State.DUPLICATE : State.HELD,
                    null, explicit);
        }
        if (covering.isEmpty()) {
            return new Verdict(spn, State.MISSING, null, List.of());
        }
        return new Verdict(spn, has(conflicts, SpnConflict.Kind.DUPLICATE, via) ? State.DUPLICATE : State.COVERED,
                via, covering);
    }

    /** The holders of an SPN the KDC may fall back to; none when it was not looked up. */
    private List<Holder> lookedUp(String spn) {
        return holders.getOrDefault(spn.toLowerCase(Locale.ROOT), List.of());
    }

    /** SpnOwnership's judgement of the SPN and the one standing in for it, as one family. */
    private List<SpnConflict> conflicts(String spn, List<Holder> explicit, String via, List<Holder> covering) {
        List<SpnHolder> family = new ArrayList<>();
        explicit.forEach(h -> family.add(new SpnHolder(spn, h.samAccountName(), h.dn())));
        covering.forEach(h -> family.add(new SpnHolder(via, h.samAccountName(), h.dn())));
        return family.size() < 2 ? List.of() : ownership.judge(family, List.of());
    }

    private static boolean has(List<SpnConflict> conflicts, SpnConflict.Kind kind, String spn) {
        return conflicts.stream().anyMatch(c -> c.kind() == kind && c.spn().equalsIgnoreCase(spn));
    }

    /** The classes HOST/ serves, for messages: "cifs, http, rpcss" (the first few). */
    String coveredClassesWords() {
        List<String> some = hostMapped.stream().sorted().limit(6).toList();
        return some.isEmpty() ? "no class (sPNMappings is empty)"
                : some.stream().collect(Collectors.joining(", ")) + (hostMapped.size() > some.size()
                ? " and " + (hostMapped.size() - some.size()) + " more" : "");
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
