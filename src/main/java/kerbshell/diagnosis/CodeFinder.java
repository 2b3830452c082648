package kerbshell.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every code a pasted error message holds, in the forms Windows and Kerberos print them: HRESULTs with or
 * without 0x and as (signed) decimals, Win32 errors, event IDs ("Event ID: 20306", "event 21502"), Kerberos error
 * names and numbers, and the catalog's message phrases. Also the host names Hyper-V puts in its messages (the
 * migration source and the host it connected to), and code-like tokens the catalog does not know.
 */
public final class CodeFinder {
    private static final Pattern HEX_0X = Pattern.compile("(?i)(?<![0-9a-z_])0x([0-9a-f]{1,8})(?![0-9a-z_])");
    private static final Pattern HEX_BARE = Pattern.compile("(?i)(?<![0-9a-z_.-])([0-9a-f]{8})(?![0-9a-z_-])");
    private static final Pattern DECIMAL = Pattern.compile("(?<![\\w.-])(-?\\d{9,10})(?!\\w|[.,]\\d)");
    private static final Pattern WIN32_ERROR = Pattern.compile("(?i)\\berror(?:\\s+code)?\\s*[:=#]?\\s*(\\d{3,5})"
            + "(?!\\w|[.,]\\d)");
    private static final Pattern KERBEROS_ERROR = Pattern.compile("(?i)\\b(?:kerberos|krb5?|kdc)\\s+error"
            + "(?:\\s+code)?\\s*[:=#]?\\s*(0x[0-9a-f]{1,2}|\\d{1,3})(?!\\w|[.,]\\d)");
    /** Windows security events 4768, 4769 and 4771 give the Kerberos error as "Failure Code: 0x18". */
    private static final Pattern EVENT_FAILURE_CODE = Pattern.compile("(?i)\\b(?:failure|result)\\s+code\\s*:?\\s*"
            + "(0x[0-9a-f]{1,2})(?![0-9a-z])");
    private static final Pattern EVENT_ID = Pattern.compile("(?i)\\bevent(?:\\s*id)?\\s*[:#=]?\\s*(\\d{1,5})"
            + "(?!\\w|[.,]\\d)");
    /** Get-WinEvent | Format-List prints "Id : 21502" (an "Event ID:" is EVENT_ID's). */
    private static final Pattern ID_FIELD = Pattern.compile("(?i)(?<!event\\s{0,3})\\bid\\s*:\\s*(\\d{1,5})"
            + "(?![\\w-]|[.,]\\d)");
    private static final Pattern WORD = Pattern.compile("\\b[A-Za-z][A-Za-z0-9_]{3,}\\b");
    private static final Pattern CODE_NAME = Pattern.compile("(?:KDC_ERR_|KRB_AP_ERR_|KRB_ERR_|KERB_AP_ERR_|SEC_E_"
            + "|ERROR_|STATUS_)[A-Z0-9_]+|WSAE[A-Z]+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,10}");

    private static final String HOST = "['\"]?([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)";
    private static final Pattern SOURCE_HOST = Pattern.compile("(?i)\\bmigration source\\s+" + HOST);
    private static final Pattern DESTINATION_HOST = Pattern.compile("(?i)\\b(?:migration destination|with host"
            + "|destination host)\\s+" + HOST);

    private final CodeCatalog catalog;

    public CodeFinder(CodeCatalog catalog) {
        this.catalog = catalog;
    }

    /** What a text holds: the known codes in the order they first appear, the unknown ones, the hosts named. */
    public record Findings(List<Hit> hits, List<String> unknown, String sourceHost, String destinationHost) {
    }

    /** One catalog entry found, with every form of it the text holds. */
    public record Hit(CodeEntry entry, List<String> forms) {
    }

    public Findings find(String text) {
        String plain = CodeCatalog.plain(text);
        Scan scan = new Scan();

        each(HEX_0X, plain, m -> {
            long value = Long.parseLong(m.group(1), 16);
            Optional<CodeEntry> entry = catalog.status(value);
            if (entry.isPresent()) {
                scan.hit(m.start(), entry.get(), m.group());
            } else if (m.group(1).length() == 8 && value >= 0x80000000L) {
                scan.unknown(m.start(), "0x" + m.group(1).toUpperCase(Locale.ROOT));
            }
        });
        each(HEX_BARE, plain, m -> {
            long value = Long.parseLong(m.group(1), 16);
            if (value >= 0x80000000L || value < 0x10000) {
                catalog.status(value).ifPresent(e -> scan.hit(m.start(), e, m.group()));
            }
        });
        each(DECIMAL, plain, m -> {
            long value = Long.parseLong(m.group(1));
            long status = value < 0 ? value & 0xFFFFFFFFL : value;
            if (value >= Integer.MIN_VALUE && status >= 0x80000000L && status <= 0xFFFFFFFFL) {
                Optional<CodeEntry> entry = catalog.status(status);
                if (entry.isPresent()) {
                    scan.hit(m.start(), entry.get(), m.group(1));
                } else if (value < 0) {
                    scan.unknown(m.start(), m.group(1) + " (0x" + Long.toHexString(status).toUpperCase(Locale.ROOT)
                            + ")");
                }
            }
        });
        each(WIN32_ERROR, plain, m -> catalog.win32(Long.parseLong(m.group(1)))
                .ifPresent(e -> scan.hit(m.start(), e, m.group())));
        each(KERBEROS_ERROR, plain, m -> kerberos(scan, m));
        each(EVENT_FAILURE_CODE, plain, m -> kerberos(scan, m));
        each(EVENT_ID, plain, m -> event(scan, m, plain));
        each(ID_FIELD, plain, m -> event(scan, m, plain));
        each(WORD, plain, m -> {
            Optional<CodeEntry> entry = catalog.name(m.group());
            if (entry.isPresent()) {
                scan.hit(m.start(), entry.get(), m.group());
            } else if (CODE_NAME.matcher(m.group()).matches()) {
                scan.unknown(m.start(), m.group());
            }
        });
        String lower = plain.toLowerCase(Locale.ROOT);
        catalog.phrases().forEach((phrase, entry) -> {
            int at = lower.indexOf(phrase);
            if (at >= 0) {
                scan.hit(at, entry, plain.substring(at, Math.min(plain.length(), at + phrase.length())));
            }
        });
        if (NUMBER.matcher(plain).matches()) {
            bareNumber(scan, Long.parseLong(plain), plain);
        }
        return scan.findings(first(SOURCE_HOST, plain), first(DESTINATION_HOST, plain));
    }

    private void kerberos(Scan scan, Matcher m) {
        String number = m.group(1);
        int value = number.toLowerCase(Locale.ROOT).startsWith("0x") ? Integer.parseInt(number.substring(2), 16)
                : Integer.parseInt(number);
        Optional<CodeEntry> entry = catalog.kerberos(value);
        if (entry.isPresent()) {
            scan.hit(m.start(), entry.get(), m.group());
        } else {
            scan.unknown(m.start(), "Kerberos error " + value);
        }
    }

    /** An event ID; when entries from several logs share it, the log named in the text decides, if one is. */
    private void event(Scan scan, Matcher m, String text) {
        int id = Integer.parseInt(m.group(1));
        List<CodeEntry> entries = catalog.event(id);
        if (entries.isEmpty()) {
            scan.unknown(m.start(), "event " + id);
            return;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<CodeEntry> named = entries.stream().filter(e -> e.match().events().stream()
                .anyMatch(ev -> ev.id() == id && lower.contains(ev.log().toLowerCase(Locale.ROOT)))).toList();
        (named.isEmpty() ? entries : named).forEach(e -> scan.hit(m.start(), e, m.group()));
    }

    /** A number on its own may be any of the numeric forms: a Kerberos error, an event ID, a Win32 error. */
    private void bareNumber(Scan scan, long value, String text) {
        if (value >= 0 && value <= 127) {
            catalog.kerberos((int) value).ifPresent(e -> scan.hit(0, e, text));
        }
        if (value > 0 && value <= 0xFFFF) {
            catalog.event((int) value).forEach(e -> scan.hit(0, e, text));
            catalog.win32(value).ifPresent(e -> scan.hit(0, e, text));
        }
        if (scan.hits.isEmpty() && scan.unknown.isEmpty()) {
            scan.unknown(0, text);
        }
    }

    private static void each(Pattern pattern, String text, Consumer<Matcher> action) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            action.accept(m);
        }
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** Hits and unknown tokens by their position in the text, so they come out in reading order. */
    private static final class Scan {
        private final List<Located<CodeEntry>> hits = new ArrayList<>();
        private final List<Located<String>> unknown = new ArrayList<>();

        void hit(int at, CodeEntry entry, String form) {
            hits.add(new Located<>(at, entry, form.strip()));
        }

        void unknown(int at, String token) {
            unknown.add(new Located<>(at, token, token));
        }

        Findings findings(String sourceHost, String destinationHost) {
            Map<String, Hit> byEntry = new LinkedHashMap<>();
            hits.stream().sorted(Comparator.comparingInt(Located::at)).forEach(h -> {
                Hit hit = byEntry.computeIfAbsent(h.value().id(), id -> new Hit(h.value(), new ArrayList<>()));
                if (hit.forms().stream().noneMatch(f -> f.equalsIgnoreCase(h.form()))) {
                    hit.forms().add(h.form());
                }
            });
            Set<String> unknownTokens = new LinkedHashSet<>();
            unknown.stream().sorted(Comparator.comparingInt(Located::at)).forEach(u -> unknownTokens.add(u.value()));
            List<Hit> found = byEntry.values().stream().map(h -> new Hit(h.entry(), List.copyOf(h.forms()))).toList();
            return new Findings(found, List.copyOf(unknownTokens), sourceHost, destinationHost);
        }
    }

    private record Located<T>(int at, T value, String form) {
    }
}
