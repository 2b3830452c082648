package kerbshell.lab;

import kerbshell.error.KerbshellException;
import kerbshell.kerberos.KerbyLogging;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.identity.backend.BackendConfig;
import org.apache.kerby.kerberos.kerb.server.KdcConfig;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.KdcServer;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The lab domain's KDC: an Apache Kerby KDC for realm LAB.TEST on loopback (TCP and UDP on one port) whose
 * principals are the lab directory's accounts and SPNs, looked up afresh on every request
 * ({@link LabAccountResolver} has the rules).
 *
 * <p>What it does not do, unlike a DC: no PAC, no S4U2Self/S4U2Proxy (Kerby implements neither), no salt in its
 * pre-authentication hints. A disabled account gets no ticket-granting ticket (Kerby answers 18
 * KDC_ERR_CLIENT_REVOKED, as a DC does) and its SPNs are unknown (7); but Kerby checks the disabled flag of the
 * client only, so a ticket for a disabled account's bare logon name ({@code kvno alice}) is still issued.
 */
public final class LabKdc implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    private static final int PORT_ATTEMPTS = 5;

    private final KdcServer server;
    private final String registration;
    private final int port;

    private LabKdc(KdcServer server, String registration, int port) {
        this.server = server;
        this.registration = registration;
        this.port = port;
    }

    /** Starts the KDC for the lab directory on 127.0.0.1; port 0 picks a free port. */
    public static LabKdc start(LabDirectory directory, int port) {
        KerbyLogging.silence();
        LabKdcIdentities identities;
        try {
            identities = new LabKdcIdentities(directory, LabDirectory.REALM);
        } catch (KrbException e) {
            throw new IllegalStateException("the lab KDC cannot make its own key: " + e.getMessage(), e);
        }
        String registration = LabBackendRegistry.register(identities);
        KrbException lastFailure = null;
        int attempts = port == 0 ? PORT_ATTEMPTS : 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int chosen = port == 0 ? freePort() : port;
            KdcServer server = null;
            try {
                server = newServer(registration, chosen);
                server.init();
                server.start();
                return new LabKdc(server, registration, chosen);
            } catch (KrbException e) {
                // A free port can be taken between choosing it and binding it; stop() releases what did bind.
                if (server != null) {
                    stopQuietly(server);
                }
                lastFailure = e;
            }
        }
        LabBackendRegistry.unregister(registration);
        throw KerbshellException.failure("the lab KDC cannot listen on " + HOST + ":" + port + " ("
                + lastFailure.getMessage() + "); choose another port, or 0 for a free one", lastFailure);
    }

    public int port() {
        return port;
    }

    public String realm() {
        return LabDirectory.REALM;
    }

    public String host() {
        return HOST;
    }

    /**
     * Writes a krb5.conf for the lab realm that MIT kinit/kvno and the JDK can use, and returns its path. TCP is
     * preferred (udp_preference_limit = 1) because Kerby's UDP listener is the weaker of its two.
     */
    public Path writeKrb5Conf(Path file) {
        String conf = """
                [libdefaults]
                    default_realm = %1$s
                    dns_lookup_kdc = false
                    dns_lookup_realm = false
                    dns_canonicalize_hostname = false
                    rdns = false
                    forwardable = true
                    udp_preference_limit = 1

                [realms]
                    %1$s = {
                        kdc = %2$s:%3$d
                    }

                [domain_realm]
                    .%4$s = %1$s
                    %4$s = %1$s
                """.formatted(realm(), HOST, port, LabDirectory.DOMAIN);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.writeString(file, conf);
        } catch (IOException e) {
            throw KerbshellException.failure("cannot write the lab krb5.conf to " + file + " (" + e.getMessage()
                    + "); choose a writable path", e);
        }
    }

    @Override
    public void close() {
        stopQuietly(server);
        LabBackendRegistry.unregister(registration);
    }

    private static KdcServer newServer(String registration, int port) throws KrbException {
        KdcConfig config = new KdcConfig();
        config.setString(KdcConfigKey.ENCRYPTION_TYPES, LabKdcIdentities.ENCRYPTION_TYPES.stream()
                .map(EncryptionType::getName).collect(Collectors.joining(" ")));
        config.setString(KdcConfigKey.KDC_DOMAIN, LabDirectory.DOMAIN);
        BackendConfig backend = new BackendConfig();
        backend.setString(KdcConfigKey.KDC_IDENTITY_BACKEND, LabIdentityBackend.class.getName());
        backend.setString(LabIdentityBackend.REGISTRATION_KEY, registration);
        KdcServer server = new KdcServer(config, backend);
        server.setKdcRealm(LabDirectory.REALM);
        server.setKdcHost(HOST);
        server.setAllowTcp(true);
        server.setKdcTcpPort(port);
        server.setAllowUdp(true);
        server.setKdcUdpPort(port);
        return server;
    }

    /** A port free for both TCP and UDP on loopback at this moment. */
    private static int freePort() {
        InetAddress loopback = loopback();
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
                try (DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), loopback)) {
                    return udp.getLocalPort();
                } catch (IOException udpTaken) {
                    // The UDP twin of this TCP port is in use; try another.
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port for the lab KDC", e);
            }
        }
        throw new IllegalStateException("no loopback port is free for both TCP and UDP");
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName(HOST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stopQuietly(KdcServer server) {
        try {
            server.stop();
        } catch (KrbException | RuntimeException e) {
            // Stopping a KDC that never fully started can fail half-way; nothing is left to release then.
        }
    }
}
