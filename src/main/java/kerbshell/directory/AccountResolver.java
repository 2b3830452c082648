package kerbshell.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import kerbshell.error.KerbshellException;
import kerbshell.text.Suggestions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the one account a user means, however they name it: NetBIOS name (HV01), sAMAccountName (HV01$, john.doe),
 * DOMAIN\name, DNS name (hv01.corp.example), user principal name (alice@corp.example) or DN. Every command that
 * takes a host, user or group goes through here, so an unknown, ambiguous or wrong-kind name always gets the same
 * clear error, which says exactly what was searched.
 *
 * <p>A domain part is never ignored: {@code EVIL\alice} or {@code alice@evil.example} is looked up in that domain
 * (through the Global Catalog, which holds every domain of the forest) and refused naming it, since this session
 * works on its own domain only; a name in a domain the forest does not have is refused too. A DN must be an object
 * of the kind the argument needs.
 */
public final class AccountResolver {
    private final DirectorySession session;
    private ForestDomains forest;

    public AccountResolver(DirectorySession session) {
        this.session = session;
    }

    /** Kinds of account an argument may need, for messages. */
    private enum Need {
        ANY("an account (user, computer or group)", "a user, computer or group"),
        COMPUTER("a computer", "a host name"), GROUP("a group", "a group's name"),
        PRINCIPAL("a user or computer", "a user or computer");

        private final String words;
        private final String hint;

        Need(String words, String hint) {
            this.words = words;
            this.hint = hint;
        }

        boolean accepts(Account account) {
            return switch (this) {
                case ANY -> true;
                case COMPUTER -> account.computer();
                case GROUP -> account.group();
                case PRINCIPAL -> !account.group();
            };
        }
    }

    /** Any account: user, computer or group. */
    public Account resolve(String name) {
        return resolve(name, Need.ANY);
    }

    /** A computer account; a user or group by that name is an error that says what it is. */
    public Account resolveComputer(String name) {
        return resolve(name, Need.COMPUTER);
    }

    public Account resolveGroup(String name) {
        return resolve(name, Need.GROUP);
    }

    /** A user or computer: an account with userAccountControl and keys, as flags and encryption types need. */
    public Account resolvePrincipal(String name) {
        return resolve(name, Need.PRINCIPAL);
    }

    private Account resolve(String name, Need need) {
        String given = name == null ? "" : name.trim();
        if (given.isEmpty()) {
            throw KerbshellException.usage("an account name is needed");
        }
        Account account;
        if (given.contains("=") && DN.isValidDN(given)) {
            account = byDn(given);
        } else if (given.contains("\\")) {
            account = byDomainAndName(given);
        } else if (given.contains("@")) {
            account = byPrincipalName(given);
        } else {
            account = unique(given, Lookup.plain(given, session.settings().domain()), domainDescription());
        }
        if (!need.accepts(account)) {
            throw KerbshellException.failure(given + " is a " + account.kind() + " (" + account.dn() + "), not "
                    + need.words + ": give " + need.hint);
        }
        return account;
    }

    /** A filter and the words that say truthfully what it searched. */
    record Lookup(Filter filter, String searched) {
        static Lookup plain(String name, String domain) {
            List<Filter> filters = new ArrayList<>();
            List<String> words = new ArrayList<>();
            if (name.endsWith("$")) {
                filters.add(Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, name));
                words.add("sAMAccountName " + name);
            } else {
                // A bare name is a computer's NetBIOS name (sAMAccountName without the $) or a user's or group's
                // logon name, which may contain dots (john.doe); a dotted name may also be a host's DNS name.
                filters.add(Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, name));
                filters.add(Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, name + "$"));
                words.add("sAMAccountName " + name + " or " + name + "$");
                if (name.contains(".")) {
                    filters.add(Filter.createEqualityFilter(Ad.DNS_HOST_NAME, name));
                    words.add("dNSHostName " + name);
                    String host = name.substring(0, name.indexOf('.'));
                    if (domain != null && name.toLowerCase(Locale.ROOT).endsWith("." + domain.toLowerCase(Locale.ROOT))
                            && !host.isEmpty()) {
                        filters.add(Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, host + "$"));
                        words.add("sAMAccountName " + host + "$");
                    }
                }
            }
            return new Lookup(Filter.createORFilter(filters), String.join(", ", words));
        }

        static Lookup samAccountName(String name) {
            if (name.endsWith("$")) {
                return new Lookup(Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, name), "sAMAccountName " + name);
            }
            return new Lookup(Filter.createORFilter(Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, name),
                    Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, name + "$")),
                    "sAMAccountName " + name + " or " + name + "$");
        }

        static Lookup userPrincipalName(String upn) {
            return new Lookup(Filter.createEqualityFilter(Ad.USER_PRINCIPAL_NAME, upn), "userPrincipalName " + upn);
        }
    }

    /** The filter a name stands for in the session's domain, as other searches (group members) reuse it. */
    public static Filter filterFor(String name) {
        return Lookup.plain(name, null).filter();
    }

    /** DOMAIN\name: the domain part must be this domain, or the name is looked up where it lives and refused. */
    private Account byDomainAndName(String given) {
        String domainPart = given.substring(0, given.indexOf('\\'));
        String name = given.substring(given.indexOf('\\') + 1);
        if (domainPart.isEmpty() || name.isEmpty() || name.contains("\\")) {
            throw KerbshellException.usage("'" + given + "' is not DOMAIN\\name: give the domain's NetBIOS name, a "
                    + "backslash and the account's sAMAccountName, e.g. CORP\\HV01$");
        }
        ForestDomains domains = domains();
        if (domains.isOwn(domainPart)) {
            return unique(given, Lookup.samAccountName(name), domainDescription());
        }
        ForestDomains.Domain other = domains.byName(domainPart).orElseThrow(() -> notInForest(given, domainPart));
        throw foreign(given, other, findInForest(Lookup.samAccountName(name), other), Lookup.samAccountName(name));
    }

    /**
     * name@suffix: a userPrincipalName (whose suffix may be any the forest allows), or name@domain for the
     * sAMAccountName in that domain.
     */
    private Account byPrincipalName(String given) {
        String name = given.substring(0, given.lastIndexOf('@'));
        String suffix = given.substring(given.lastIndexOf('@') + 1);
        if (name.isEmpty() || suffix.isEmpty()) {
            throw KerbshellException.usage("'" + given + "' is not name@domain: give a user principal name such as "
                    + "alice@corp.example");
        }
        Lookup upn = Lookup.userPrincipalName(given);
        List<Account> byUpn = search(upn.filter());
        if (byUpn.size() == 1) {
            return byUpn.get(0);
        }
        if (byUpn.size() > 1) {
            throw ambiguous(given, byUpn);
        }
        ForestDomains domains = domains();
        Lookup sam = Lookup.samAccountName(name);
        if (domains.isOwn(suffix)) {
            return unique(given, new Lookup(Filter.createORFilter(upn.filter(), sam.filter()),
                    upn.searched() + ", " + sam.searched()), domainDescription());
        }
        // Not this domain's: the UPN may still be one of another domain's accounts (the GC has every UPN).
        List<SearchResultEntry> elsewhere = searchForest(upn.filter());
        if (!elsewhere.isEmpty()) {
            String dn = elsewhere.get(0).getDN();
            ForestDomains.Domain holder = domains.holding(dn).orElse(new ForestDomains.Domain(null,
                    DomainInfo.dnsNameOf(dnDomainPart(dn)), dnDomainPart(dn)));
            throw foreign(given, holder, List.of(dn), upn);
        }
        ForestDomains.Domain other = domains.byName(suffix).orElse(null);
        if (other == null) {
            throw KerbshellException.failure("no account " + given + ": " + suffix + " is not a domain of this "
                    + "forest (" + domains.list() + ") and no account has that user principal name (searched "
                    + forestDescription() + " for " + upn.searched() + "): check the name");
        }
        throw foreign(given, other, findInForest(sam, other), sam);
    }

    private List<String> findInForest(Lookup lookup, ForestDomains.Domain domain) {
        String suffix = "," + domain.namingContext().toLowerCase(Locale.ROOT);
        return searchForest(lookup.filter()).stream().map(SearchResultEntry::getDN)
                .filter(dn -> dn.toLowerCase(Locale.ROOT).endsWith(suffix)).toList();
    }

    private KerbshellException foreign(String given, ForestDomains.Domain domain, List<String> found, Lookup lookup) {
        if (found.isEmpty()) {
            return KerbshellException.failure("no account " + given + " in domain " + domain.describe()
                    + " (searched " + forestDescription() + " for " + lookup.searched() + "): check the name");
        }
        return KerbshellException.failure(given + " is " + found.get(0) + " in domain " + domain.describe()
                + " (found in " + forestDescription() + "), not in " + session.settings().domain() + ", where this "
                + "session works: connect to a DC of " + domain.dns() + " to work on it");
    }

    private KerbshellException notInForest(String given, String domainPart) {
        return KerbshellException.failure(given + " names domain " + domainPart + ", which is not a domain of this "
                + "forest (" + domains().list() + "): check the domain part");
    }

    /** The account name closest to a name that found nothing (HV1 for HV01), read only when a lookup failed. */
    private Optional<String> closeName(String given) {
        List<String> names = new ArrayList<>();
        try {
            session.domainView().forEach(Filter.createORFilter(
                            Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_USER),
                            Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_COMPUTER)), entry -> {
                        String sam = entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME);
                        if (sam != null) {
                            names.add(given.endsWith("$") ? sam : sam.replaceFirst("\\$$", ""));
                        }
                        String dns = entry.getAttributeValue(Ad.DNS_HOST_NAME);
                        if (dns != null && given.contains(".")) {
                            names.add(dns);
                        }
                    }, Ad.SAM_ACCOUNT_NAME, Ad.DNS_HOST_NAME);
        } catch (LDAPException | KerbshellException e) {
            return Optional.empty(); // the suggestion is a courtesy; the lookup's own error stands
        }
        return Suggestions.closest(given, names);
    }

    private Account unique(String given, Lookup lookup, String where) {
        List<Account> found = search(lookup.filter());
        if (found.isEmpty()) {
            throw KerbshellException.failure("no account named " + given + " in " + where + " (searched "
                    + lookup.searched() + ")" + closeName(given).map(n -> ": did you mean " + n + "?")
                    .orElse(": check the name"));
        }
        if (found.size() > 1) {
            throw ambiguous(given, found);
        }
        return found.get(0);
    }

    private static KerbshellException ambiguous(String given, List<Account> found) {
        return KerbshellException.failure(given + " is ambiguous: it matches " + found.size() + " accounts ("
                + found.stream().map(Account::dn).collect(Collectors.joining("; "))
                + "): give the DN or the sAMAccountName");
    }

    private String domainDescription() {
        return session.settings().domain();
    }

    private String forestDescription() {
        return session.forest().description();
    }

    private ForestDomains domains() {
        if (forest == null) {
            forest = ForestDomains.of(session);
        }
        return forest;
    }

    private List<Account> search(Filter filter) {
        try {
            return session.ldap().search(session.baseDn(), SearchScope.SUB, filter, Account.ATTRIBUTES)
                    .getSearchEntries().stream().filter(AccountResolver::isAccount).map(Account::from).toList();
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "looking up " + filter);
        }
    }

    private List<SearchResultEntry> searchForest(Filter filter) {
        List<SearchResultEntry> found = new ArrayList<>();
        DirectorySession.SearchView view = session.forest();
        try {
            view.forEach(filter, found::add, Account.ATTRIBUTES);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "searching " + view.description() + " for " + filter);
        }
        return found;
    }

    private static boolean isAccount(SearchResultEntry entry) {
        return entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME) != null
                && (entry.hasObjectClass(Ad.CLASS_USER) || entry.hasObjectClass(Ad.CLASS_GROUP));
    }

    private Account byDn(String dn) {
        String base = session.baseDn();
        try {
            if (!new DN(dn).isDescendantOf(new DN(base), true)) {
                ForestDomains.Domain holder = domains().holding(dn).orElse(null);
                throw KerbshellException.failure(dn + " is not in domain " + session.settings().domain() + " ("
                        + base + ")" + (holder == null ? "" : " but in " + holder.describe() + ": connect to a DC "
                        + "of " + holder.dns() + " to work on it") + (holder == null ? ": give a DN under " + base : ""));
            }
            SearchResultEntry entry = session.ldap().getEntry(dn, Account.ATTRIBUTES);
            if (entry == null) {
                throw KerbshellException.failure("no entry " + dn + " in " + session.settings().domain());
            }
            if (!isAccount(entry)) {
                String[] classes = entry.getObjectClassValues();
                String kind = classes == null || classes.length == 0 ? "entry" : classes[classes.length - 1];
                throw KerbshellException.failure(dn + " is a " + kind + ", not an account (user, computer or "
                        + "group): give the DN or name of a user, computer or group");
            }
            return Account.from(entry);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                throw KerbshellException.failure("no entry " + dn + " in " + session.settings().domain());
            }
            throw LdapFailures.onOperation(e, "reading " + dn);
        }
    }

    /** The domain components at the end of a DN (DC=evil,DC=example), for naming the domain of a GC entry. */
    private static String dnDomainPart(String dn) {
        int dc = dn.toUpperCase(Locale.ROOT).indexOf("DC=");
        return dc >= 0 ? dn.substring(dc) : dn;
    }
}
