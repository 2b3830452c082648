package kerbshell.directory;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.SingleServerSet;

import javax.net.SocketFactory;

/**
 * Opens connection pools to one DC with the session's TLS and bind, on a given port: the domain's LDAP port, and
 * later the Global Catalog's. Holds the bind request (and so the password) in memory only, as the pool itself
 * must, to reconnect.
 */
final class PoolFactory {
    private final String host;
    private final SocketFactory sockets;
    private final LDAPConnectionOptions options;
    private final PostConnectProcessor startTls;
    private final BindRequest bind;

    PoolFactory(String host, SocketFactory sockets, LDAPConnectionOptions options, PostConnectProcessor startTls,
                BindRequest bind) {
        this.host = host;
        this.sockets = sockets;
        this.options = options;
        this.startTls = startTls;
        this.bind = bind;
    }

    LDAPConnectionPool open(int port, int maxConnections) throws LDAPException {
        return open(host, port, maxConnections);
    }

    /**
     * A connection to {@code otherHost:port} with the session's TLS, its handshake done, not yet bound: the Global
     * Catalog opened while the DC's own connection is, and bound ({@link #pool}) only once the DC took the same
     * credentials, so that a wrong password is never tried twice against a lockout policy.
     */
    LDAPConnection connectUnbound(String otherHost, int port) throws LDAPException {
        LDAPConnection connection = new LDAPConnection(sockets, options, otherHost, port);
        if (startTls != null) {
            try {
                startTls.processPreAuthenticatedConnection(connection);
            } catch (LDAPException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    /** Binds a connection {@link #connectUnbound} made, as the first of a pool like {@link #open}'s. */
    LDAPConnectionPool pool(LDAPConnection connection, int maxConnections) throws LDAPException {
        try {
            connection.bind(bind.duplicate());
        } catch (LDAPException e) {
            connection.close();
            throw e;
        }
        LDAPConnectionPool pool = new LDAPConnectionPool(connection, 1, maxConnections, startTls);
        pool.setConnectionPoolName("kerbshell " + connection.getConnectedAddress() + ":"
                + connection.getConnectedPort());
        return pool;
    }

    /** A pool on another host with the same TLS and bind: the Global Catalog named with --gc. */
    LDAPConnectionPool open(String otherHost, int port, int maxConnections) throws LDAPException {
        LDAPConnectionPool pool = new LDAPConnectionPool(new SingleServerSet(otherHost, port, sockets, options), bind, 1,
                maxConnections, startTls);
        pool.setConnectionPoolName("kerbshell " + otherHost + ":" + port);
        return pool;
    }
}
