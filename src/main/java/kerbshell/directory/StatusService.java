package kerbshell.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import com.unboundid.util.StaticUtils;
import kerbshell.error.KerbshellException;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds {@link SessionStatus}: the rootDSE as it is now, and the bound identity as the DC sees it. */
public final class StatusService {
    // Bounds the walk through nested groups, which AD allows to form cycles.
    private static final int MAX_GROUPS = 1000;

    private final DirectorySession session;
    private final String kdc;

    /** @param kdc the KDC in use, as host:port, or null when unknown */
    public StatusService(DirectorySession session, String kdc) {
        this.session = session;
        this.kdc = kdc;
    }

    public SessionStatus status() {
        try {
            RootDSE root = session.ldap().getRootDSE();
            DomainInfo info = DomainInfo.from(root);
            Instant serverTime = serverTime(root);
            Account account = boundAccount();
            ConnectionSettings settings = session.settings();
            String forestNc = info.rootDomainNamingContext() != null ? info.rootDomainNamingContext()
                    : info.defaultNamingContext();
            return new SessionStatus(settings.server(), settings.effectivePort(), session.environment().isLab(),
                    info.dnsDomain(), DomainInfo.dnsNameOf(forestNc), info.dcHostName(), info.namingContexts(),
                    DomainInfo.levelName(info.domainFunctionality()), DomainInfo.levelName(info.forestFunctionality()),
                    DomainInfo.levelName(info.dcFunctionality()),
                    account == null ? session.identity() : account.samAccountName() + " (" + account.kind() + ")",
                    account == null ? null : account.dn(), account == null ? List.of() : groupsOf(account),
                    settings.auth().word(), session.transport(),
                    settings.tls() == TlsMode.NONE ? null : TlsImplementation.current().description(),
                    session.protection().words(), kdc, serverTime,
                    serverTime == null ? null : Math.round(Duration.between(Instant.now(), serverTime).toMillis() / 1000.0));
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading the session status");
        }
    }

    private static Instant serverTime(RootDSE root) {
        String time = root.getAttributeValue(Ad.CURRENT_TIME);
        try {
            return time == null ? null : StaticUtils.decodeGeneralizedTime(time).toInstant();
        } catch (ParseException e) {
            return null;
        }
    }

    /** The account the DC says we are bound as (LDAP "Who am I?"), or the one we asked to bind as. */
    private Account boundAccount() throws LDAPException {
        AccountResolver resolver = new AccountResolver(session);
        String identity = session.authorizationId() != null ? session.authorizationId() : whoAmI();
        try {
            if (identity != null && identity.startsWith("dn:")) {
                return resolver.resolve(identity.substring(3));
            }
            if (identity != null && identity.startsWith("u:")) {
                return resolver.resolve(identity.substring(2));
            }
            return resolver.resolve(session.identity());
        } catch (KerbshellException e) {
            return null;
        }
    }

    private String whoAmI() throws LDAPException {
        ExtendedResult result = session.ldap() instanceof com.unboundid.ldap.sdk.LDAPConnectionPool pool
                ? pool.processExtendedOperation(new WhoAmIExtendedRequest()) : null;
        if (result instanceof WhoAmIExtendedResult whoAmI && result.getResultCode() == ResultCode.SUCCESS) {
            return whoAmI.getAuthorizationID();
        }
        return null;
    }

    /**
     * Group names, nested groups included: AD's memberOf lists direct memberships only, and never the primary
     * group (Domain Users for a user), which AD records as a RID in primaryGroupID instead.
     */
    private List<String> groupsOf(Account account) throws LDAPException {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(directGroups(account.dn()));
        primaryGroup(account).ifPresent(pending::addFirst);
        while (!pending.isEmpty() && seen.size() < MAX_GROUPS) {
            String group = pending.poll();
            if (seen.add(group)) {
                pending.addAll(directGroups(group));
            }
        }
        List<String> names = new ArrayList<>();
        for (String group : seen) {
            names.add(new DN(group).getRDN().getAttributeValues()[0]);
        }
        return names;
    }

    /** The DN of the account's primary group, when the directory records one (the lab does not). */
    private Optional<String> primaryGroup(Account account) throws LDAPException {
        SearchResultEntry entry = session.ldap().getEntry(account.dn(), Ad.PRIMARY_GROUP_ID);
        Integer rid = entry == null ? null : entry.getAttributeValueAsInteger(Ad.PRIMARY_GROUP_ID);
        if (rid == null || account.sid() == null) {
            return Optional.empty();
        }
        Sid group = new Sid(new Sid(account.sid()).domain() + "-" + rid);
        SearchResultEntry found = session.ldap().searchForEntry(session.baseDn(), SearchScope.SUB,
                Filter.createEqualityFilter(Ad.OBJECT_SID, group.toBytes()), "1.1");
        return found == null ? Optional.empty() : Optional.of(found.getDN());
    }

    private List<String> directGroups(String dn) throws LDAPException {
        SearchResultEntry entry = session.ldap().getEntry(dn, Ad.MEMBER_OF);
        String[] groups = entry == null ? null : entry.getAttributeValues(Ad.MEMBER_OF);
        return groups == null ? List.of() : List.of(groups);
    }
}
