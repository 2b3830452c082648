package kerbshell.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import kerbshell.directory.AuthMethod;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.TlsMode;

import java.nio.file.Path;

/** A named connection profile as config.yaml holds it: connection settings, never a secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record Profile(String server, Integer port, String domain, String user, String auth, String tls,
                      @JsonProperty("ca-file") String caFile, @JsonProperty("insecure-tls") Boolean insecureTls,
                      String keytab, String kdc) {

    public static Profile of(ConnectionSettings settings) {
        return new Profile(settings.server(), settings.port(), settings.domain(), settings.user(),
                settings.auth().word(), settings.tls().word(), text(settings.caFile()),
                settings.insecureTls() ? Boolean.TRUE : null, text(settings.keytab()), settings.kdc());
    }

    public ConnectionSettings toSettings() {
        return new ConnectionSettings(server, port, domain, user, auth == null ? null : AuthMethod.parse(auth),
                tls == null ? null : TlsMode.parse(tls), path(caFile), Boolean.TRUE.equals(insecureTls),
                path(keytab), null, kdc);
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }

    private static Path path(String text) {
        return text == null ? null : Path.of(text);
    }
}
