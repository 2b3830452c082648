package kerbshell.journal;

import com.unboundid.ldap.sdk.SearchResultEntry;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** How AD compares the values kerbshell writes: strings without regard to case, binary values byte for byte. */
final class AttributeValues {
    private AttributeValues() {
    }

    static boolean same(String a, String b, boolean binary) {
        return binary ? a.equals(b) : a.equalsIgnoreCase(b);
    }

    static boolean contains(List<String> values, String value, boolean binary) {
        return values.stream().anyMatch(v -> same(v, value, binary));
    }

    /** The values of {@code values} that {@code removed} lacks. */
    static List<String> minus(List<String> values, List<String> removed, boolean binary) {
        return values.stream().filter(v -> !contains(removed, v, binary)).toList();
    }

    /** An attribute's values as the journal writes them (binary ones in base64); empty when it has none. */
    static List<String> of(SearchResultEntry entry, String attribute, boolean binary) {
        List<String> values = new ArrayList<>();
        if (entry == null || !entry.hasAttribute(attribute)) {
            return values;
        }
        if (binary) {
            for (byte[] value : entry.getAttributeValueByteArrays(attribute)) {
                values.add(Base64.getEncoder().encodeToString(value));
            }
        } else {
            values.addAll(List.of(entry.getAttributeValues(attribute)));
        }
        return values;
    }
}
