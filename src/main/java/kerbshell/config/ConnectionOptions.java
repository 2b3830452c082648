package kerbshell.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import kerbshell.directory.AuthMethod;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.Timeouts;
import kerbshell.directory.TlsMode;

import java.nio.file.Path;

/**
 * Connection options as given, each null when not given: on the launch line, to {@code connect}, or as a
 * profile in config.yaml (whose keys are the option names of {@link ConnectionOption}; never a secret, never a
 * ticket cache, which belongs to a logon and not to a place). Typed once, when read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonPropertyOrder({"server", "port", "domain", "user", "auth", "tls", "ca-file", "insecure-tls", "keytab", "kdc",
        "gc", "no-gc", "timeout"})
public record ConnectionOptions(String server, Integer port, String domain, String user, AuthMethod auth,
                                TlsMode tls,
                                @JsonProperty("ca-file") @JsonSerialize(using = ToStringSerializer.class) Path caFile,
                                @JsonProperty("insecure-tls") Boolean insecureTls,
                                @JsonSerialize(using = ToStringSerializer.class) Path keytab,
                                @JsonIgnore Path ccache, String kdc, String gc,
                                @JsonProperty("no-gc") Boolean noGc, Timeouts timeout) {

    public static final ConnectionOptions NONE = new Builder().build();

    /** Whether any option is given. */
    @JsonIgnore
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** These options over {@code base}: a value given here wins, the rest come from base (a profile). */
    public ConnectionOptions over(ConnectionOptions base) {
        return new ConnectionOptions(pick(server, base.server), pick(port, base.port), pick(domain, base.domain),
                pick(user, base.user), pick(auth, base.auth), pick(tls, base.tls), pick(caFile, base.caFile),
                pick(insecureTls, base.insecureTls), pick(keytab, base.keytab), pick(ccache, base.ccache),
                pick(kdc, base.kdc), pick(gc, base.gc), pick(noGc, base.noGc), pick(timeout, base.timeout));
    }

    public ConnectionSettings toSettings() {
        return new ConnectionSettings(server, port, domain, user, auth, tls, caFile, Boolean.TRUE.equals(insecureTls),
                keytab, ccache, kdc, timeout, gc, Boolean.TRUE.equals(noGc));
    }

    /** What a profile saves of a session's settings: everything but the ticket cache; defaults left out. */
    public static ConnectionOptions profileOf(ConnectionSettings s) {
        return new ConnectionOptions(s.server(), s.port(), s.domain(), s.user(), s.auth(), s.tls(), s.caFile(),
                s.insecureTls() ? Boolean.TRUE : null, s.keytab(), null, s.kdc(), s.gc(),
                s.noGc() ? Boolean.TRUE : null, s.timeouts().equals(Timeouts.DEFAULT) ? null : s.timeouts());
    }

    private static <T> T pick(T given, T fallback) {
        return given != null ? given : fallback;
    }

    /** Collects options one at a time, as {@link ConnectionOption#apply} sets them. */
    public static final class Builder {
        String server;
        Integer port;
        String domain;
        String user;
        AuthMethod auth;
        TlsMode tls;
        Path caFile;
        Boolean insecureTls;
        Path keytab;
        Path ccache;
        String kdc;
        String gc;
        Boolean noGc;
        Timeouts timeout;

        public ConnectionOptions build() {
            return new ConnectionOptions(server, port, domain, user, auth, tls, caFile, insecureTls, keytab, ccache,
                    kdc, gc, noGc, timeout);
        }
    }
}
