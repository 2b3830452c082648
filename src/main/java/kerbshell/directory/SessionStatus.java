package kerbshell.directory;

import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.time.Instant;
import java.util.List;

/**
 * What {@code status} reports about the open session. {@code protection} says what protects its messages:
 * "LDAPS + channel binding", "StartTLS + channel binding", "GSSAPI sealed", "GSSAPI signed", or TLS alone for a
 * simple bind. {@code tlsLibrary} names what speaks TLS ({@link TlsImplementation}), null without TLS.
 */
public record SessionStatus(String server, int port, boolean lab, String domain, String forest, String dcHostName,
                            List<String> namingContexts, String domainFunctionalLevel,
                            String forestFunctionalLevel, String dcFunctionalLevel, String boundIdentity,
                            String accountDn, List<String> groups, String auth, String transport,
                            String tlsLibrary, String protection, String kdc,
                            Instant serverTime, Long clockSkewSeconds) implements Renderable {

    @Override
    public void renderText(TextOut out) {
        int w = 18;
        out.field("server", server + ":" + port + (lab ? " (built-in lab)" : ""), w)
                .field("domain", domain, w)
                .field("forest", forest, w)
                .field("DC", dcHostName, w)
                .field("domain level", domainFunctionalLevel, w)
                .field("forest level", forestFunctionalLevel, w)
                .field("DC level", dcFunctionalLevel, w)
                .field("bound as", boundIdentity, w)
                .field("account", accountDn, w)
                .field("groups", groups.isEmpty() ? "(none)" : String.join(", ", groups), w)
                .field("auth", auth, w)
                .field("TLS", transport, w)
                .field("TLS library", tlsLibrary, w)
                .field("protection", protection, w)
                .field("KDC", kdc, w)
                .field("server time", serverTime, w)
                .field("clock skew", clockSkewSeconds == null ? null : clockSkewSeconds + " s", w);
        for (String context : namingContexts) {
            out.field("naming context", context, w);
        }
    }
}
