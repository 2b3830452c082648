package kerbshell.directory;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.TrustAllTrustManager;
import kerbshell.error.KerbshellException;
import kerbshell.kerberos.Krb5Conf;

import javax.net.ssl.TrustManager;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Opens {@link DirectorySession}s: TLS (LDAPS or StartTLS, certificates checked against the system trust store
 * or a CA file, the host name checked by {@link CertificateNameVerifier} for every address), then a simple or
 * GSSAPI bind, then the rootDSE. Every phase has a time limit ({@link Timeouts}). A simple bind without TLS is
 * refused here, before the password is sent.
 */
public final class DirectoryConnector {
    private static final int MAX_CONNECTIONS = 4;

    /**
     * @param password asked only when the settings need a password (no keytab or ticket cache); the array is
     *                 cleared once the bind request holds it
     */
    public DirectorySession open(ConnectionSettings settings, Supplier<char[]> password) {
        return open(settings, password, new DomainControllerEnvironment(settings.server()));
    }

    /**
     * Opens the session for a command that searches the forest first thing: the Global Catalog is connected
     * while the session's own connection is ({@link GlobalCatalogAhead}).
     */
    public DirectorySession openSearchingForest(ConnectionSettings settings, Supplier<char[]> password) {
        return open(settings, password, new DomainControllerEnvironment(settings.server()), true);
    }

    /**
     * Opens a session whose environment is given: the built-in lab's (see {@code LabDomain.openSession}); the same
     * code path as a real DC's.
     */
    public DirectorySession open(ConnectionSettings given, Supplier<char[]> password, DomainEnvironment environment) {
        return open(given, password, environment, false);
    }

    private DirectorySession open(ConnectionSettings given, Supplier<char[]> password, DomainEnvironment environment,
                                  boolean searchesForest) {
        ConnectionSettings settings = BindIdentity.settle(given);
        if (settings.auth() == AuthMethod.SIMPLE && settings.tls() == TlsMode.NONE
                && !environment.plainBindIsSafe()) {
            throw KerbshellException.usage("refusing a simple bind without TLS: the password of "
                    + settings.bindName() + " would cross the network in the clear; use --tls ldaps (the "
                    + "default) or --tls starttls, or --auth gssapi, which signs every message");
        }
        String target = settings.server() + ":" + settings.effectivePort();
        try {
            TrustManager trust = settings.tls() == TlsMode.NONE ? null : trust(settings);
            LDAPConnectionOptions options = options(settings);
            int handshake = (int) settings.timeouts().tls().toMillis();
            javax.net.SocketFactory sockets = settings.tls() == TlsMode.LDAPS
                    ? new TimedTlsSockets(trust, handshake) : null;
            PostConnectProcessor startTls = settings.tls() == TlsMode.STARTTLS
                    ? new StartTLSPostConnectProcessor(new TimedTlsSockets(trust, handshake))
                    : null;
            SingleServerSet servers = new SingleServerSet(settings.server(), settings.effectivePort(), sockets, options);
            BindRequest bind;
            SessionProtection protection;
            GSSAPIBindRequestProperties kerberos = null;
            if (settings.auth() == AuthMethod.SIMPLE) {
                bind = simpleBind(settings, password);
                protection = SessionProtection.ofSimpleBind(settings.tls());
            } else {
                kerberos = gssapiProperties(settings, password, dcHostName(servers, startTls, settings));
                protection = settings.tls() == TlsMode.NONE ? SessionProtection.GSSAPI_SEALED
                        : SessionProtection.ofGssapiInside(settings.tls());
                bind = GssapiLayers.bindRequest(kerberos, protection);
            }
            PoolFactory pools = new PoolFactory(settings.server(), sockets, options, startTls, bind);
            GlobalCatalogAhead catalog = searchesForest && environment.singleDirectoryForest().isEmpty()
                    && !settings.noGc() ? GlobalCatalogAhead.start(pools, settings) : null;
            boolean catalogTaken = false;
            try {
                LDAPConnectionPool pool;
                try {
                    pool = pools.open(settings.effectivePort(), MAX_CONNECTIONS);
                } catch (LDAPException e) {
                    if (protection != SessionProtection.GSSAPI_SEALED || !GssapiLayers.noCommonLayer(e)) {
                        throw e;
                    }
                    // A DC that offers signing but not sealing: sign, as AD's LDAP signing policy asks at least.
                    protection = SessionProtection.GSSAPI_SIGNED;
                    pools = new PoolFactory(settings.server(), sockets, options, startTls,
                            GssapiLayers.bindRequest(kerberos, protection));
                    pool = pools.open(settings.effectivePort(), MAX_CONNECTIONS);
                }
                if (catalog != null) {
                    catalog.dcBound(pools);
                }
                try {
                    RootDSE root = pool.getRootDSE();
                    DirectorySession session = new DirectorySession(settings, pool, DomainInfo.from(root),
                            describeTransport(settings), protection, environment, pools, whoAmI(pool));
                    if (catalog != null) {
                        session.globalCatalogAhead(catalog);
                        catalogTaken = true;
                    }
                    return session;
                } catch (IllegalArgumentException e) {
                    pool.close();
                    throw KerbshellException.failure(target + " answered, but " + e.getMessage());
                }
            } finally {
                if (catalog != null && !catalogTaken) {
                    catalog.abandon(); // never bound when the DC refused the credentials
                }
            }
        } catch (LDAPException e) {
            throw LdapFailures.onConnect(e, settings);
        } catch (GeneralSecurityException e) {
            throw KerbshellException.failure("cannot set up TLS for " + target + ": " + e.getMessage(), e);
        }
    }

    /** The identity the DC says this connection has ("u:CORP\\alice", "dn:CN=..."), or null if it cannot say. */
    private static String whoAmI(LDAPConnectionPool pool) {
        try {
            ExtendedResult result = pool.processExtendedOperation(new WhoAmIExtendedRequest());
            return result instanceof WhoAmIExtendedResult whoAmI && result.getResultCode() == ResultCode.SUCCESS
                    ? whoAmI.getAuthorizationID() : null;
        } catch (LDAPException e) {
            return null;
        }
    }

    private LDAPConnectionOptions options(ConnectionSettings settings) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        Timeouts limits = settings.timeouts();
        options.setConnectTimeoutMillis((int) limits.connect().toMillis());
        options.setResponseTimeoutMillis(limits.operation().toMillis());
        options.setResponseTimeoutMillis(OperationType.BIND, limits.bind().toMillis());
        // StartTLS is an extended operation, but its answer is part of setting up TLS.
        options.setExtendedOperationResponseTimeoutMillis(StartTLSExtendedRequest.STARTTLS_REQUEST_OID,
                limits.tls().toMillis());
        options.setUseSynchronousMode(false);
        if (settings.tls() != TlsMode.NONE && !settings.insecureTls()) {
            options.setSSLSocketVerifier(new CertificateNameVerifier());
        }
        return options;
    }

    private static TrustManager trust(ConnectionSettings settings) {
        if (settings.insecureTls()) {
            return new TrustAllTrustManager();
        }
        return settings.caFile() != null ? CaFileTrust.of(settings.caFile()) : JVMDefaultTrustManager.getInstance();
    }

    private static BindRequest simpleBind(ConnectionSettings settings, Supplier<char[]> password) {
        char[] secret = password.get();
        try {
            return new SimpleBindRequest(settings.bindName(), new String(secret));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** GSSAPI needs the DC's own host name for its ldap/ SPN, even when the user connects by address. */
    private static String dcHostName(SingleServerSet servers, PostConnectProcessor startTls,
                                     ConnectionSettings settings) throws LDAPException {
        try (LDAPConnection anonymous = servers.getConnection()) {
            if (startTls != null) {
                startTls.processPreAuthenticatedConnection(anonymous);
            }
            RootDSE root = anonymous.getRootDSE();
            String name = root == null ? null : root.getAttributeValue(Ad.DNS_HOST_NAME_ROOT);
            return name != null ? name : settings.server();
        }
    }

    private static GSSAPIBindRequestProperties gssapiProperties(ConnectionSettings settings,
                                                                Supplier<char[]> password, String dcHost) {
        Krb5Conf.useFor(settings.realm(), settings.kdcHost(), settings.kdcPort(), settings.timeouts().bind());
        GSSAPIBindRequestProperties props = new GSSAPIBindRequestProperties(settings.principal(), (String) null);
        props.setSASLClientServerName(dcHost);
        props.setRefreshKrb5Config(true);
        props.setUseSubjectCredentialsOnly(true);
        if (settings.keytab() != null) {
            props.setUseKeyTab(true);
            props.setKeyTabPath(settings.keytab().toString());
            props.setUseTicketCache(false);
        } else if (settings.ccache() != null) {
            props.setUseTicketCache(true);
            props.setRequireCachedCredentials(true);
            props.setTicketCachePath(settings.ccache().toString());
        } else {
            char[] secret = password.get();
            props.setPassword(new String(secret));
            Arrays.fill(secret, '\0');
            props.setUseTicketCache(false);
        }
        return props;
    }

    private static String describeTransport(ConnectionSettings settings) {
        String tls = switch (settings.tls()) {
            case LDAPS -> "LDAPS";
            case STARTTLS -> "StartTLS";
            case NONE -> "none";
        };
        if (settings.tls() == TlsMode.NONE) {
            return tls;
        }
        if (settings.insecureTls()) {
            return tls + ", certificate NOT verified (--insecure-tls)";
        }
        return tls + ", certificate verified against "
                + (settings.caFile() != null ? settings.caFile() : "the system trust store");
    }
}
