package kerbshell.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import kerbshell.error.KerbshellException;

import java.time.Duration;
import java.util.Locale;

/**
 * How long kerbshell waits for each phase of talking to a DC, so that a stalled DC (one that accepts TCP and then
 * stops answering) gives one clear line instead of a silent shell: the TCP connect, the TLS handshake, the bind
 * (including the Kerberos exchange with the KDC), and each LDAP operation after it.
 *
 * <p>Written {@code --timeout 20} (every phase 20 s) or {@code --timeout connect=5,tls=5,bind=20,operation=120}
 * (the phases named; the others keep their defaults).
 */
public record Timeouts(Duration connect, Duration tls, Duration bind, Duration operation) {
    /** 10 s to connect, 10 s for the TLS handshake, 30 s for the bind, 60 s for each operation. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60));
    private static final long MAX_SECONDS = 3600;

    @JsonCreator
    public static Timeouts parse(String text) {
        String given = text == null ? "" : text.strip();
        if (given.isEmpty()) {
            throw usage(text);
        }
        if (!given.contains("=")) {
            Duration all = seconds(given, text);
            return new Timeouts(all, all, all, all);
        }
        Timeouts result = DEFAULT;
        for (String part : given.split(",")) {
            String[] pair = part.split("=", 2);
            if (pair.length != 2) {
                throw usage(text);
            }
            Duration value = seconds(pair[1].strip(), text);
            result = switch (pair[0].strip().toLowerCase(Locale.ROOT)) {
                case "connect" -> new Timeouts(value, result.tls, result.bind, result.operation);
                case "tls" -> new Timeouts(result.connect, value, result.bind, result.operation);
                case "bind" -> new Timeouts(result.connect, result.tls, value, result.operation);
                case "operation" -> new Timeouts(result.connect, result.tls, result.bind, value);
                default -> throw usage(text);
            };
        }
        return result;
    }

    /** The form {@link #parse} reads back, as profiles store it. */
    @JsonValue
    public String word() {
        return "connect=" + connect.toSeconds() + ",tls=" + tls.toSeconds() + ",bind=" + bind.toSeconds()
                + ",operation=" + operation.toSeconds();
    }

    private static Duration seconds(String number, String whole) {
        try {
            long value = Long.parseLong(number);
            if (value < 1 || value > MAX_SECONDS) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(value);
        } catch (NumberFormatException e) {
            throw usage(whole);
        }
    }

    private static KerbshellException usage(String text) {
        return KerbshellException.usage("--timeout takes seconds (1 to " + MAX_SECONDS + ") for every phase, e.g. "
                + "--timeout 20, or per phase, e.g. --timeout connect=5,tls=5,bind=20,operation=120; not '" + text
                + "'");
    }
}
