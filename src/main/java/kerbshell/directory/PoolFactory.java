package kerbshell.directory;

import com.unboundid.ldap.sdk.BindRequest;
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

    /** A pool on another host with the same TLS and bind: the Global Catalog named with --gc. */
    LDAPConnectionPool open(String otherHost, int port, int maxConnections) throws LDAPException {
        LDAPConnectionPool pool = new LDAPConnectionPool(new SingleServerSet(otherHost, port, sockets, options), bind, 1,
                maxConnections, startTls);
        pool.setConnectionPoolName("kerbshell " + otherHost + ":" + port);
        return pool;
    }
}
