package kerbshell.directory;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import kerbshell.error.KerbshellException;
import kerbshell.kerberos.Krb5Conf;

import javax.net.ssl.TrustManager;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Opens {@link DirectorySession}s: TLS (LDAPS or StartTLS, certificates checked against the system trust store
 * or a CA file, host name verified), then a simple or GSSAPI bind, then the rootDSE.
 */
public final class DirectoryConnector {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final long RESPONSE_TIMEOUT_MILLIS = 60_000;
    private static final int MAX_CONNECTIONS = 4;

    /**
     * @param password asked only when the settings need a password (no keytab or ticket cache); the array is
     *                 cleared once the bind request holds it
     */
    public DirectorySession open(ConnectionSettings settings, Supplier<char[]> password) {
        requireComplete(settings);
        String target = settings.server() + ":" + settings.effectivePort();
        try {
            SSLUtil ssl = settings.tls() == TlsMode.NONE ? null : sslUtil(settings);
            LDAPConnectionOptions options = options(settings);
            javax.net.SocketFactory sockets = settings.tls() == TlsMode.LDAPS ? ssl.createSSLSocketFactory() : null;
            PostConnectProcessor startTls = settings.tls() == TlsMode.STARTTLS
                    ? new StartTLSPostConnectProcessor(ssl.createSSLContext()) : null;
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
            try {
                RootDSE root = pool.getRootDSE();
                return new DirectorySession(settings, pool, DomainInfo.from(root), describeTransport(settings),
                        protection, false, pools);
            } catch (IllegalArgumentException e) {
                pool.close();
                throw KerbshellException.failure(target + " answered, but " + e.getMessage());
            }
        } catch (LDAPException e) {
            throw LdapFailures.onConnect(e, settings);
        } catch (GeneralSecurityException e) {
            throw KerbshellException.failure("cannot set up TLS for " + target + ": " + e.getMessage(), e);
        }
    }

    /** A session on the built-in lab: same code path, marked so the prompt and status say "lab". */
    public DirectorySession openLab(ConnectionSettings settings, Supplier<char[]> password) {
        return open(settings, password).asLab();
    }

    private static void requireComplete(ConnectionSettings settings) {
        if (settings.server() == null || settings.server().isBlank()) {
            throw KerbshellException.usage("no server given: add --server with the DC's host name");
        }
        if (settings.domain() == null || settings.domain().isBlank()) {
            throw KerbshellException.usage("no domain given: add --domain with the domain's DNS name, e.g. corp.example");
        }
        if (settings.user() == null || settings.user().isBlank()) {
            throw KerbshellException.usage("no user given: add --user with the account to bind as");
        }
        if (settings.caFile() != null && !Files.isReadable(settings.caFile())) {
            throw KerbshellException.usage("the CA file " + settings.caFile() + " cannot be read: give a PEM file "
                    + "holding the CA certificate that issued the DC's certificate");
        }
        if (settings.keytab() != null && !Files.isReadable(settings.keytab())) {
            throw KerbshellException.usage("the keytab " + settings.keytab() + " cannot be read");
        }
        if ((settings.keytab() != null || settings.ccache() != null) && settings.auth() != AuthMethod.GSSAPI) {
            throw KerbshellException.usage("a keytab or ticket cache is used by Kerberos: add --auth gssapi");
        }
    }

    private static LDAPConnectionOptions options(ConnectionSettings settings) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(RESPONSE_TIMEOUT_MILLIS);
        options.setUseSynchronousMode(false);
        if (settings.tls() != TlsMode.NONE && !settings.insecureTls()) {
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        }
        return options;
    }

    private static SSLUtil sslUtil(ConnectionSettings settings) throws GeneralSecurityException {
        TrustManager trust;
        if (settings.insecureTls()) {
            trust = new TrustAllTrustManager();
        } else if (settings.caFile() != null) {
            trust = new PEMFileTrustManager(settings.caFile().toFile());
        } else {
            trust = JVMDefaultTrustManager.getInstance();
        }
        return new SSLUtil(trust);
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
        Krb5Conf.useFor(settings.realm(), settings.kdcHost(), settings.kdcPort());
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
