package kerbshell.diagnosis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import kerbshell.error.KerbshellException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The codes kerbshell explains, read from its data file ({@code kerbshell/diagnosis/codes.yaml}) with Jackson and
 * validated as they load: a malformed entry is rejected naming the entry and the field, so the file never holds a
 * half-written explanation. Also answers the lookups {@link CodeFinder} makes. Immutable, so safe to share.
 */
public final class CodeCatalog {
    static final String RESOURCE = "/kerbshell/diagnosis/codes.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final long WIN32_HRESULT = 0x80070000L;

    private static final Set<String> TOP_FIELDS = Set.of("sources", "codes");
    private static final Set<String> SOURCE_FIELDS = Set.of("title", "address");
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "title", "match", "meaning", "causes", "fix",
            "detected_by", "sources", "documented");
    private static final Set<String> MATCH_FIELDS = Set.of("hex", "win32", "kerberos", "events", "names", "phrases");
    private static final Set<String> EVENT_FIELDS = Set.of("id", "log");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern SOURCE_ID = Pattern.compile("[A-Z][A-Z0-9-]*");
    private static final Pattern HEX = Pattern.compile("0x[0-9A-Fa-f]{8}");
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{3,}");

    private static CodeCatalog shipped;

    private final Map<String, CodeEntry.Source> sources;
    private final List<CodeEntry> entries;
    private final Map<Long, CodeEntry> byStatus = new HashMap<>();
    private final Map<Integer, CodeEntry> byKerberos = new HashMap<>();
    private final Map<Integer, List<CodeEntry>> byEvent = new HashMap<>();
    private final Map<String, CodeEntry> byName = new HashMap<>();
    private final Map<String, CodeEntry> byPhrase = new LinkedHashMap<>();

    private CodeCatalog(Map<String, CodeEntry.Source> sources, List<CodeEntry> entries) {
        this.sources = sources;
        this.entries = entries;
        for (CodeEntry entry : entries) {
            CodeEntry.Match m = entry.match();
            m.hex().forEach(v -> byStatus.put(v, entry));
            m.win32().forEach(n -> byStatus.put(WIN32_HRESULT | n, entry));
            m.kerberos().forEach(n -> byKerberos.put(n, entry));
            m.events().forEach(e -> byEvent.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(entry));
            m.names().forEach(n -> byName.put(n, entry));
            m.phrases().forEach(p -> byPhrase.put(normalize(p), entry));
        }
    }

    /** The catalog shipped in the jar, read once. */
    public static synchronized CodeCatalog shipped() {
        if (shipped == null) {
            try (InputStream in = CodeCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw KerbshellException.failure("kerbshell's code catalog " + RESOURCE
                            + " is missing from the jar");
                }
                shipped = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "codes.yaml");
            } catch (IOException e) {
                throw KerbshellException.failure("cannot read kerbshell's code catalog: " + e.getMessage(), e);
            }
        }
        return shipped;
    }

    /** Reads and validates a catalog; {@code origin} names it in errors. */
    public static CodeCatalog parse(String yaml, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw KerbshellException.failure(origin + " line " + (e.getLocation() == null ? "?"
                    : e.getLocation().getLineNr()) + ": not valid YAML: " + e.getOriginalMessage());
        }
        return new Reader(origin).read(root);
    }

    public List<CodeEntry> entries() {
        return entries;
    }

    /** Every source the file defines, by id, in file order. */
    public Map<String, CodeEntry.Source> sources() {
        return sources;
    }

    /**
     * The entry for a 32-bit status value: an HRESULT entry, or a Win32 entry given as HRESULT_FROM_WIN32
     * (0x8007xxxx) or as the bare Win32 number (values below 0x10000).
     */
    Optional<CodeEntry> status(long value) {
        long key = value < 0x10000 ? WIN32_HRESULT | value : value;
        return Optional.ofNullable(byStatus.get(key));
    }

    Optional<CodeEntry> win32(long number) {
        return number >= 0 && number < 0x10000 ? status(number) : Optional.empty();
    }

    Optional<CodeEntry> kerberos(int number) {
        return Optional.ofNullable(byKerberos.get(number));
    }

    List<CodeEntry> event(int id) {
        return byEvent.getOrDefault(id, List.of());
    }

    Optional<CodeEntry> name(String name) {
        return Optional.ofNullable(byName.get(name.toUpperCase(Locale.ROOT)));
    }

    /** Phrases in {@link #normalize normalized} form, each with its entry. */
    Map<String, CodeEntry> phrases() {
        return byPhrase;
    }

    /** Typographic quotes made plain and runs of white space made one space, as pasted text is searched. */
    static String plain(String text) {
        return text.replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201C', '"').replace('\u201D', '"')
                .replaceAll("\\s+", " ").strip();
    }

    /** {@link #plain} and lower case: how phrases are compared. */
    static String normalize(String text) {
        return plain(text).toLowerCase(Locale.ROOT);
    }

    /** Whether a list field may be left out, must be there, or must be there with an item. */
    private enum Presence { OPTIONAL, REQUIRED, REQUIRED_NON_EMPTY }

    /** Walks the YAML tree, checking each field before it is used and naming the entry and field when one is wrong. */
    private static final class Reader {
        private final String origin;
        private final Map<String, String> claimedBy = new HashMap<>();

        Reader(String origin) {
            this.origin = origin;
        }

        CodeCatalog read(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw fail("the file must hold a mapping with 'sources' and 'codes'");
            }
            unknownFields(root, TOP_FIELDS, "the file", "sources, codes");
            Map<String, CodeEntry.Source> sources = sources(root.get("sources"));
            JsonNode codes = root.get("codes");
            if (codes == null || !codes.isArray() || codes.isEmpty()) {
                throw fail("'codes' must be a non-empty list of entries");
            }
            List<CodeEntry> entries = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < codes.size(); i++) {
                CodeEntry entry = entry(codes.get(i), i + 1, sources);
                if (!ids.add(entry.id())) {
                    throw fail("entry '" + entry.id() + "' field 'id': another entry has the same id");
                }
                entries.add(entry);
            }
            checkPhrasesDistinct(entries);
            return new CodeCatalog(sources, List.copyOf(entries));
        }

        private Map<String, CodeEntry.Source> sources(JsonNode node) {
            if (node == null || !node.isObject() || node.isEmpty()) {
                throw fail("'sources' must map each source id to its title and address");
            }
            Map<String, CodeEntry.Source> sources = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String id = field.getKey();
                String where = "source '" + id + "'";
                if (!SOURCE_ID.matcher(id).matches()) {
                    throw fail(where + ": an id is upper case letters, digits and -, e.g. S11 or RFC4120");
                }
                JsonNode source = field.getValue();
                if (source == null || !source.isObject()) {
                    throw fail(where + ": needs a title (and an address where there is one)");
                }
                unknownFields(source, SOURCE_FIELDS, where, "title, address");
                String title = text(source, "title", where, true);
                String address = text(source, "address", where, false);
                sources.put(id, new CodeEntry.Source(id, title, address));
            }
            return Collections.unmodifiableMap(sources);
        }

        private CodeEntry entry(JsonNode node, int number, Map<String, CodeEntry.Source> sources) {
            if (node == null || !node.isObject()) {
                throw fail("entry " + number + ": must be a mapping of fields");
            }
            JsonNode idNode = node.get("id");
            String id = idNode != null && idNode.isTextual() ? idNode.asText() : null;
            String where = id == null || id.isBlank() ? "entry " + number : "entry '" + id + "'";
            if (id == null || !ID.matcher(id).matches()) {
                throw fail(where + " field 'id': needs an id of lower case words joined by -, e.g. "
                        + "sec-e-target-unknown");
            }
            unknownFields(node, ENTRY_FIELDS, where, String.join(", ", List.of("id", "title", "match", "meaning",
                    "causes", "fix", "detected_by", "sources", "documented")));
            boolean documented = true;
            JsonNode documentedNode = node.get("documented");
            if (documentedNode != null) {
                if (!documentedNode.isBoolean()) {
                    throw fail(where + " field 'documented': must be true or false");
                }
                documented = documentedNode.asBoolean();
            }
            String title = text(node, "title", where, true);
            CodeEntry.Match match = match(node.get("match"), where, id);
            String meaning = text(node, "meaning", where, true);
            List<String> causes = strings(node, "causes", where, Presence.REQUIRED_NON_EMPTY);
            List<String> fix = strings(node, "fix", where, Presence.REQUIRED_NON_EMPTY);
            List<String> detectedBy = strings(node, "detected_by", where, Presence.REQUIRED);
            List<String> cited = strings(node, "sources", where, Presence.REQUIRED);
            if (documented && cited.isEmpty()) {
                throw fail(where + " field 'sources': needs at least one source id (or documented: false for a "
                        + "code no public source defines)");
            }
            if (!documented && !cited.isEmpty()) {
                throw fail(where + " field 'sources': an entry with documented: false cites no source");
            }
            for (String source : cited) {
                if (!sources.containsKey(source)) {
                    throw fail(where + " field 'sources': '" + source + "' is not among the file's sources");
                }
            }
            return new CodeEntry(id, title, match, meaning, causes, fix, detectedBy, cited, documented);
        }

        private CodeEntry.Match match(JsonNode node, String where, String id) {
            if (node == null || !node.isObject()) {
                throw fail(where + " field 'match': needs the forms that find the entry (hex, win32, kerberos, "
                        + "events, names, phrases)");
            }
            unknownFields(node, MATCH_FIELDS, where + " field 'match'", "hex, win32, kerberos, events, names, phrases");
            List<Long> hex = new ArrayList<>();
            for (String value : strings(node, "hex", where, Presence.OPTIONAL)) {
                if (!HEX.matcher(value).matches()) {
                    throw fail(where + " field 'hex': '" + value + "' is not 0x and 8 hex digits");
                }
                long status = Long.parseLong(value.substring(2), 16);
                if (status < 0x10000) {
                    throw fail(where + " field 'hex': '" + value + "' is a Win32 error number: put it in win32");
                }
                claim("status " + status, "0x" + value.substring(2).toUpperCase(Locale.ROOT), where, id);
                hex.add(status);
            }
            List<Integer> win32 = numbers(node, "win32", where, 1, 0xFFFF);
            win32.forEach(n -> claim("status " + (WIN32_HRESULT | n), "Win32 error " + n, where, id));
            List<Integer> kerberos = numbers(node, "kerberos", where, 0, 127);
            kerberos.forEach(n -> claim("kerberos " + n, "Kerberos error " + n, where, id));
            List<CodeEntry.Event> events = events(node.get("events"), where, id);
            List<String> names = strings(node, "names", where, Presence.OPTIONAL);
            for (String name : names) {
                if (!NAME.matcher(name).matches()) {
                    throw fail(where + " field 'names': '" + name + "' is not an upper case symbolic name");
                }
                claim("name " + name, name, where, id);
            }
            List<String> phrases = strings(node, "phrases", where, Presence.OPTIONAL);
            for (String phrase : phrases) {
                if (phrase.length() < 12) {
                    throw fail(where + " field 'phrases': '" + phrase + "' is too short to find only this code");
                }
                claim("phrase " + normalize(phrase), "the phrase '" + phrase + "'", where, id);
            }
            if (hex.isEmpty() && win32.isEmpty() && kerberos.isEmpty() && events.isEmpty() && names.isEmpty()
                    && phrases.isEmpty()) {
                throw fail(where + " field 'match': lists no form, so nothing would ever find the entry");
            }
            return new CodeEntry.Match(List.copyOf(hex), win32, kerberos, events, names, phrases);
        }

        private List<CodeEntry.Event> events(JsonNode node, String where, String id) {
            if (node == null) {
                return List.of();
            }
            if (!node.isArray()) {
                throw fail(where + " field 'events': must be a list of {id: N, log: NAME}");
            }
            List<CodeEntry.Event> events = new ArrayList<>();
            for (JsonNode event : node) {
                if (!event.isObject()) {
                    throw fail(where + " field 'events': each event is {id: N, log: NAME}");
                }
                unknownFields(event, EVENT_FIELDS, where + " field 'events'", "id, log");
                JsonNode eventId = event.get("id");
                if (eventId == null || !eventId.canConvertToInt() || !eventId.isIntegralNumber()
                        || eventId.asInt() < 1 || eventId.asInt() > 0xFFFF) {
                    throw fail(where + " field 'events': an event id is a number from 1 to 65535");
                }
                String log = text(event, "log", where + " field 'events'", true);
                claim("event " + eventId.asInt() + " " + log.toLowerCase(Locale.ROOT), "event " + eventId.asInt()
                        + " (" + log + ")", where, id);
                events.add(new CodeEntry.Event(eventId.asInt(), log));
            }
            return List.copyOf(events);
        }

        /** Each form may find one entry only: a second claim is an error naming both entries. */
        private void claim(String key, String form, String where, String id) {
            String other = claimedBy.putIfAbsent(key, id);
            if (other != null && !other.equals(id)) {
                throw fail(where + " field 'match': " + form + " already finds entry '" + other + "'");
            }
        }

        /** A phrase inside another entry's phrase would find both entries in every message holding the longer one. */
        private void checkPhrasesDistinct(List<CodeEntry> entries) {
            for (CodeEntry a : entries) {
                for (String pa : a.match().phrases()) {
                    for (CodeEntry b : entries) {
                        for (String pb : b.match().phrases()) {
                            if (a != b && normalize(pb).contains(normalize(pa))) {
                                throw fail("entry '" + a.id() + "' field 'phrases': '" + pa
                                        + "' is part of a phrase of entry '" + b.id() + "' (" + pb + ")");
                            }
                        }
                    }
                }
            }
        }

        private List<Integer> numbers(JsonNode node, String field, String where, int min, int max) {
            JsonNode list = node.get(field);
            if (list == null) {
                return List.of();
            }
            if (!list.isArray()) {
                throw fail(where + " field '" + field + "': must be a list of numbers");
            }
            List<Integer> numbers = new ArrayList<>();
            for (JsonNode n : list) {
                if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
                    throw fail(where + " field '" + field + "': '" + n.asText() + "' is not a number from " + min
                            + " to " + max);
                }
                numbers.add(n.asInt());
            }
            return List.copyOf(numbers);
        }

        private String text(JsonNode node, String field, String where, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw fail(where + " field '" + field + "': missing");
                }
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw fail(where + " field '" + field + "': must be a non-empty text");
            }
            return value.asText().strip();
        }

        /** A list of non-empty texts; how much of it must be there is {@code presence}. */
        private List<String> strings(JsonNode node, String field, String where, Presence presence) {
            JsonNode list = node.get(field);
            if (list == null) {
                if (presence == Presence.OPTIONAL) {
                    return List.of();
                }
                throw fail(where + " field '" + field + "': missing" + (presence == Presence.REQUIRED
                        ? " (write " + field + ": [] if there is none)" : ""));
            }
            if (!list.isArray()) {
                throw fail(where + " field '" + field + "': must be a list");
            }
            if (presence == Presence.REQUIRED_NON_EMPTY && list.isEmpty()) {
                throw fail(where + " field '" + field + "': needs at least one item");
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : list) {
                if (!item.isTextual() || item.asText().isBlank()) {
                    throw fail(where + " field '" + field + "': every item must be a non-empty text");
                }
                items.add(item.asText().strip());
            }
            return List.copyOf(items);
        }

        private void unknownFields(JsonNode node, Set<String> allowed, String where, String listed) {
            node.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    throw fail(where + ": unknown field '" + name + "' (the fields are " + listed + ")");
                }
            });
        }

        private KerbshellException fail(String message) {
            return KerbshellException.failure(origin + ": " + message);
        }
    }
}
