package kerbshell.config;

import kerbshell.directory.AuthMethod;
import kerbshell.directory.HostPort;
import kerbshell.directory.Timeouts;
import kerbshell.directory.TlsMode;
import kerbshell.error.KerbshellException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The connection options, declared once: their names, what they take, their help line, and how a typed word
 * becomes a typed value. The launch line, the shell's {@code connect} command and the profiles in config.yaml
 * (whose keys are these names) all read them through here.
 */
public enum ConnectionOption {
    SERVER("server", "HOST", "domain controller to connect to (host name or address)",
            (b, v) -> b.server = v),
    PORT("port", "N", "LDAP port (default 636 with --tls ldaps, 389 otherwise)", (b, v) -> b.port = parsePort(v)),
    DOMAIN("domain", "DNS-NAME", "the domain, e.g. corp.example (also gives the Kerberos realm)",
            (b, v) -> b.domain = v),
    USER("user", "NAME", "account to bind as (name, name@domain, DOMAIN\\name or DN); with a keytab or ticket "
            + "cache, its principal when left out", (b, v) -> b.user = v),
    AUTH("auth", AuthMethod.class, "LDAP simple bind (default) or Kerberos", (b, v) -> b.auth = AuthMethod.parse(v)),
    TLS("tls", TlsMode.class, "transport protection (default ldaps); a simple bind needs TLS",
            (b, v) -> b.tls = TlsMode.parse(v)),
    CA_FILE("ca-file", "FILE", "PEM file of the CA that issued the DC's certificate", (b, v) -> b.caFile = Path.of(v)),
    INSECURE_TLS("insecure-tls", (String) null, "accept any certificate (lab use only; shown in the prompt)",
            (b, v) -> b.insecureTls = Boolean.TRUE),
    KEYTAB("keytab", "FILE", "Kerberos keytab for --auth gssapi", (b, v) -> b.keytab = Path.of(v)),
    CCACHE("ccache", "FILE", "Kerberos ticket cache for --auth gssapi (default: KRB5CCNAME)",
            (b, v) -> b.ccache = Path.of(v.startsWith("FILE:") ? v.substring(5) : v)),
    KDC("kdc", "HOST[:PORT]", "Kerberos KDC, when it is not the DC given with --server",
            (b, v) -> b.kdc = HostPort.check("--kdc", v)),
    GC("gc", "HOST[:PORT]", "Global Catalog for forest-wide checks (default: the server on 3269 with LDAPS, "
            + "3268 otherwise)", (b, v) -> b.gc = HostPort.check("--gc", v)),
    NO_GC("no-gc", (String) null, "search this domain only, never a Global Catalog (checks say they are domain-wide)",
            (b, v) -> b.noGc = Boolean.TRUE),
    TIMEOUT("timeout", "SECONDS|PHASE=S,...", "time limits: one number for every phase, or connect=, tls=, "
            + "bind=, operation= (defaults 10, 10, 30, 60)", (b, v) -> b.timeout = Timeouts.parse(v));

    private final String name;
    private final String valueLabel;
    private final String help;
    private final BiConsumer<ConnectionOptions.Builder, String> setter;
    private final Class<? extends Enum<?>> choices;

    ConnectionOption(String name, String valueLabel, String help, BiConsumer<ConnectionOptions.Builder, String> setter) {
        this.name = name;
        this.valueLabel = valueLabel;
        this.help = help;
        this.setter = setter;
        this.choices = null;
    }

    /** An option whose value is one of an enum's words (--tls ldaps): its label and completion come from the enum. */
    ConnectionOption(String name, Class<? extends Enum<?>> choices, String help,
                     BiConsumer<ConnectionOptions.Builder, String> setter) {
        this.name = name;
        this.valueLabel = String.join("|", words(choices));
        this.help = help;
        this.setter = setter;
        this.choices = choices;
    }

    /** The enum whose lower-case words are this option's values (TlsMode for --tls), or empty. */
    public Optional<Class<? extends Enum<?>>> choiceType() {
        return Optional.ofNullable(choices);
    }

    private static List<String> words(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** The name without dashes, as config.yaml and the connect command's registration use it. */
    public String key() {
        return name;
    }

    public String longName() {
        return "--" + name;
    }

    /** Whether the option is a flag (takes no value). */
    public boolean isFlag() {
        return valueLabel == null;
    }

    public String valueLabel() {
        return valueLabel;
    }

    public String help() {
        return help;
    }

    /** Sets this option's value in {@code builder}; a flag ignores {@code value}. */
    public void apply(ConnectionOptions.Builder builder, String value) {
        setter.accept(builder, value);
    }

    public static Optional<ConnectionOption> byLongName(String longName) {
        return Arrays.stream(values()).filter(o -> o.longName().equals(longName)).findFirst();
    }

    /** The usage lines of every connection option, aligned as --help prints them. */
    public static String usageLines() {
        StringBuilder text = new StringBuilder();
        for (ConnectionOption option : values()) {
            String left = option.longName() + (option.isFlag() ? "" : " " + option.valueLabel());
            text.append("  ").append(left.length() < 23 ? String.format("%-23s", left) : left + "\n" + " ".repeat(25))
                    .append(option.help()).append('\n');
        }
        return text.toString();
    }

    static Integer parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw KerbshellException.usage("--port must be a number from 1 to 65535, not '" + value + "'");
        }
    }
}
