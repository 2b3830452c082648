package kerbshell.spn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of SPN ownership, as the KDC applies them, in plain functions of what the directory holds (no network):
 * an SPN held by two accounts is refused (KDC_ERR_S_PRINCIPAL_UNKNOWN); a service class that sPNMappings maps to
 * HOST, registered on another account than the one holding HOST/ for that host, takes that host's tickets
 * (shadowing); an SPN belongs to the account its host part names. {@code spn duplicates} and {@code spn add} judge
 * with these rules, and so does the rule book of the checks ({@code SpnFacts}), with holders it read itself.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * SpnOwnership rules = new SpnOwnership(SpnMappings.read(session));
 * List<SpnConflict> found = rules.judge(holdersOfOneFamily, accountsNamedByItsHost);
 * }</pre>
 */
public final class SpnOwnership {
    private final SpnMappings mappings;

    public SpnOwnership(SpnMappings mappings) {
        this.mappings = mappings;
    }

    public SpnMappings mappings() {
        return mappings;
    }

    /**
     * The SPN the KDC serves {@code spn} with when no account holds it itself, through sPNMappings: "HOST/hv02"
     * for "cifs/hv02" (and for "http/hv02:8080": the host part only); null when its class is mapped to none, as
     * HOST/ itself is, or the SPN names no host.
     */
    public String standIn(String spn) {
        int slash = spn.indexOf('/');
        String host = hostAsWritten(spn);
        if (slash <= 0 || host.isEmpty()) {
            return null;
        }
        return mappings.targetOf(spn.substring(0, slash))
                .map(target -> (target.equals("host") ? "HOST" : target) + "/" + host).orElse(null);
    }

    /**
     * Judges one family of SPNs ({@link SpnMappings#familyKey}: {@code HOST/hv02}, {@code cifs/hv02}, ... ):
     * every true duplicate and every shadowing among them.
     *
     * @param family every holder of every SPN of the family, one element per value held
     * @param named  accounts whose names match the family's host, holding none of it (to name a rightful holder
     *               that lost the SPN to others); may be empty
     */
    public List<SpnConflict> judge(Collection<SpnHolder> family, Collection<SpnHolder> named) {
        Map<String, List<SpnHolder>> bySpn = new LinkedHashMap<>();
        for (SpnHolder holder : family) {
            List<SpnHolder> holders = bySpn.computeIfAbsent(lower(holder.spn()), k -> new ArrayList<>());
            if (holders.stream().noneMatch(holder::sameAccount)) {
                holders.add(holder);
            }
        }
        List<SpnHolder> accounts = new ArrayList<>();
        family.forEach(h -> addAccount(accounts, h));
        named.forEach(h -> addAccount(accounts, h));
        List<SpnConflict> conflicts = new ArrayList<>();
        bySpn.forEach((key, holders) -> {
            if (holders.size() > 1) {
                conflicts.add(conflict(SpnConflict.Kind.DUPLICATE, holders, null, List.of(), bySpn, accounts));
            }
        });
        bySpn.forEach((key, holders) -> {
            String coveringKey = mappings.familyKey(key);
            List<SpnHolder> covering = bySpn.getOrDefault(coveringKey, List.of());
            if (!coveringKey.equals(key) && holders.size() == 1 && !covering.isEmpty()
                    && covering.stream().noneMatch(holders.get(0)::sameAccount)) {
                conflicts.add(conflict(SpnConflict.Kind.SHADOWED, holders, covering.get(0).spn(), covering, bySpn,
                        accounts));
            }
        });
        return conflicts;
    }

    private SpnConflict conflict(SpnConflict.Kind kind, List<SpnHolder> holders, String shadows,
                                 List<SpnHolder> shadowed, Map<String, List<SpnHolder>> bySpn,
                                 List<SpnHolder> accounts) {
        String spn = holders.get(0).spn();
        Optional<SpnHolder> owner = rightfulAccount(spn, accounts);
        if (owner.isEmpty()) {
            String host = hostOf(spn);
            return new SpnConflict(kind, spn, List.copyOf(holders), shadows, List.copyOf(shadowed), null, List.of(),
                    "no account's dNSHostName or name is " + host + ": keep " + spn + " on the account that runs "
                            + "the service and remove it from the others ('spn remove ACCOUNT \"" + spn + "\"')");
        }
        SpnHolder right = owner.get();
        String coveringKey = mappings.familyKey(spn);
        List<String> involved = new ArrayList<>(List.of(lower(spn)));
        if (shadows != null) {
            involved.add(coveringKey);
        }
        List<SpnFix> fix = new ArrayList<>();
        for (String key : involved) {
            for (SpnHolder holder : bySpn.getOrDefault(key, List.of())) {
                if (!holder.sameAccount(right)) {
                    fix.add(new SpnFix(SpnFix.Verb.REMOVE, holder.account(), holder.spn()));
                }
            }
        }
        boolean holdsIt = holds(bySpn, lower(spn), right) || holds(bySpn, coveringKey, right);
        if (!holdsIt) {
            List<SpnHolder> coveringHolders = bySpn.getOrDefault(coveringKey, List.of());
            String toAdd = coveringHolders.isEmpty() ? spn : coveringHolders.get(0).spn();
            fix.add(new SpnFix(SpnFix.Verb.ADD, right.account(), toAdd));
        }
        SpnConflict.Rightful rightful = new SpnConflict.Rightful(right.account(), right.dn(), matchedBy(spn, right),
                holdsIt);
        return new SpnConflict(kind, spn, List.copyOf(holders), shadows, List.copyOf(shadowed), rightful,
                List.copyOf(fix), null);
    }

    /**
     * The account an SPN belongs to among {@code accounts}: the one whose dNSHostName is the SPN's host, or whose
     * account name (without the $) is the host or its first label; the closest match wins, a tie names none.
     */
    public static Optional<SpnHolder> rightfulAccount(String spn, Collection<SpnHolder> accounts) {
        String host = hostOf(spn);
        SpnHolder best = null;
        int bestScore = 0;
        boolean tie = false;
        for (SpnHolder account : accounts) {
            int score = score(host, account);
            if (score > bestScore) {
                best = account;
                bestScore = score;
                tie = false;
            } else if (score == bestScore && score > 0 && !account.sameAccount(best)) {
                tie = true;
            }
        }
        return tie ? Optional.empty() : Optional.ofNullable(best);
    }

    /** Which of the account's names matched the SPN's host, in words. */
    public static String matchedBy(String spn, SpnHolder account) {
        String host = hostOf(spn);
        List<String> names = new ArrayList<>();
        if (account.dnsHostName() != null && (account.dnsHostName().equalsIgnoreCase(host)
                || firstLabel(account.dnsHostName()).equalsIgnoreCase(host))) {
            names.add("dNSHostName " + account.dnsHostName());
        }
        if (shortName(account).equalsIgnoreCase(host) || shortName(account).equalsIgnoreCase(firstLabel(host))) {
            names.add("sAMAccountName " + account.account());
        }
        return String.join(" and ", names);
    }

    /** The host part of an SPN: between the first slash and the port or service name, in lower case. */
    public static String hostOf(String spn) {
        return hostAsWritten(spn).toLowerCase(Locale.ROOT);
    }

    /** The host part of an SPN as written: "cifs/HV02.lab.test:445/x" gives "HV02.lab.test". */
    public static String hostAsWritten(String spn) {
        int slash = spn.indexOf('/');
        String rest = slash < 0 ? spn : spn.substring(slash + 1);
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == ':' || rest.charAt(i) == '/') {
                end = i;
                break;
            }
        }
        return rest.substring(0, end);
    }

    /** Whether {@code account} is named by the host (score above 0). */
    public static boolean names(String host, SpnHolder account) {
        return score(host.toLowerCase(Locale.ROOT), account) > 0;
    }

    private static int score(String host, SpnHolder account) {
        int score = 0;
        String dns = account.dnsHostName() == null ? null : account.dnsHostName().toLowerCase(Locale.ROOT);
        if (dns != null && dns.equals(host)) {
            score += 2;
        } else if (dns != null && firstLabel(dns).equals(host)) {
            score += 1;
        }
        String name = shortName(account).toLowerCase(Locale.ROOT);
        if (name.equals(host) || name.equals(firstLabel(host))) {
            score += 1;
        }
        return score;
    }

    private static String shortName(SpnHolder account) {
        return account.account() == null ? "" : account.account().replaceFirst("\\$$", "");
    }

    private static String firstLabel(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static boolean holds(Map<String, List<SpnHolder>> bySpn, String key, SpnHolder account) {
        return bySpn.getOrDefault(key, List.of()).stream().anyMatch(account::sameAccount);
    }

    private static void addAccount(List<SpnHolder> accounts, SpnHolder holder) {
        if (accounts.stream().noneMatch(holder::sameAccount)) {
            accounts.add(holder);
        }
    }

    private static String lower(String spn) {
        return spn.toLowerCase(Locale.ROOT);
    }
}
