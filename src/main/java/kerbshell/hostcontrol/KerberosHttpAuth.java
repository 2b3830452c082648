package kerbshell.hostcontrol;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.http.auth.AuthSchemeProvider;
import org.apache.http.auth.Credentials;
import org.apache.http.auth.KerberosCredentials;
import org.apache.http.client.config.AuthSchemes;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.impl.auth.KerberosScheme;
import org.apache.http.impl.auth.SPNegoScheme;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * HTTP Kerberos authentication for WinRM with a credential the caller already holds and a service principal it
 * names: the HTTP client's own schemes would build the SPN from the address they connect to (wrong when the
 * address is overridden) and take credentials from the JDK's global login state.
 *
 * <p>The token is a Kerberos AP-REQ (GSS-API krb5 mechanism, RFC 4121), sent as {@code Authorization: Negotiate
 * <token>}, which Windows' Negotiate package accepts as it does from MIT- and Heimdal-based WinRM clients.
 */
final class KerberosHttpAuth {
    static final String KRB5_MECHANISM = "1.2.840.113554.1.2.2";
    static final String KRB5_PRINCIPAL_NAME = "1.2.840.113554.1.2.2.1";

    private final GSSCredential credential;
    private final String spn;

    /** @param spn the full service principal, e.g. {@code HTTP/hv01.corp.example@CORP.EXAMPLE} */
    KerberosHttpAuth(GSSCredential credential, String spn) {
        this.credential = credential;
        this.spn = spn;
    }

    String spn() {
        return spn;
    }

    /** The first (and, for Kerberos, only) token of a context to the SPN: asks the KDC for the service ticket. */
    byte[] initialToken() throws GSSException {
        GSSManager manager = GSSManager.getInstance();
        Oid mechanism = new Oid(KRB5_MECHANISM);
        GSSName server = manager.createName(spn, new Oid(KRB5_PRINCIPAL_NAME));
        GSSContext context = manager.createContext(server, mechanism, credential, GSSContext.DEFAULT_LIFETIME);
        try {
            context.requestMutualAuth(true);
            context.requestCredDeleg(false);
            return context.initSecContext(new byte[0], 0, 0);
        } finally {
            context.dispose();
        }
    }

    /** Negotiate and Kerberos challenges both answered with {@link #initialToken()}. */
    Registry<AuthSchemeProvider> schemes() {
        return RegistryBuilder.<AuthSchemeProvider>create()
                .register(AuthSchemes.SPNEGO, context -> new Negotiate())
                .register(AuthSchemes.KERBEROS, context -> new Kerberos())
                .build();
    }

    /**
     * Puts the credential and the schemes on every message CXF sends, where its HTTP conduit looks for them (ahead
     * of what winrm4j configured for its own Kerberos login, which this replaces).
     */
    AbstractPhaseInterceptor<Message> interceptor() {
        Credentials credentials = new KerberosCredentials(credential);
        Registry<AuthSchemeProvider> schemes = schemes();
        return new AbstractPhaseInterceptor<>(Phase.SETUP) {
            @Override
            public void handleMessage(Message message) {
                message.put(Credentials.class.getName(), credentials);
                message.put(AuthSchemeProvider.class.getName(), schemes);
            }
        };
    }

    private final class Negotiate extends SPNegoScheme {
        Negotiate() {
            super(true, false);
        }

        @Override
        protected byte[] generateToken(byte[] input, String authServer, Credentials credentials) throws GSSException {
            return initialToken();
        }

        @Override
        @SuppressWarnings("deprecation")
        protected byte[] generateToken(byte[] input, String authServer) throws GSSException {
            return initialToken();
        }
    }

    private final class Kerberos extends KerberosScheme {
        Kerberos() {
            super(true, false);
        }

        @Override
        protected byte[] generateToken(byte[] input, String authServer, Credentials credentials) throws GSSException {
            return initialToken();
        }

        @Override
        @SuppressWarnings("deprecation")
        protected byte[] generateToken(byte[] input, String authServer) throws GSSException {
            return initialToken();
        }
    }
}
