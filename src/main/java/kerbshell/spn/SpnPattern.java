package kerbshell.spn;

import com.unboundid.ldap.sdk.Filter;
import kerbshell.directory.Ad;
import kerbshell.error.KerbshellException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A setspn -Q style pattern with {@code *} wildcards: turned into an LDAP substring filter for the server, and
 * into a matcher for the values of the entries it returns (an entry matches when any one of its SPNs does).
 */
public record SpnPattern(String text) {

    public SpnPattern {
        if (text == null || text.isBlank()) {
            throw KerbshellException.usage("give a pattern, e.g. \"*/hv01*\" or \"cifs/*\"");
        }
    }

    public Filter filter() {
        if (!text.contains("*")) {
            return Filter.createEqualityFilter(Ad.SERVICE_PRINCIPAL_NAME, text);
        }
        String[] parts = text.split("\\*", -1);
        List<String> any = new ArrayList<>();
        for (int i = 1; i < parts.length - 1; i++) {
            if (!parts[i].isEmpty()) {
                any.add(parts[i]);
            }
        }
        String initial = parts[0].isEmpty() ? null : parts[0];
        String last = parts[parts.length - 1];
        String fin = last.isEmpty() ? null : last;
        if (initial == null && fin == null && any.isEmpty()) {
            return Filter.createPresenceFilter(Ad.SERVICE_PRINCIPAL_NAME);
        }
        return Filter.createSubstringFilter(Ad.SERVICE_PRINCIPAL_NAME, initial, any.toArray(String[]::new), fin);
    }

    public boolean matches(String spn) {
        String regex = Arrays.stream(text.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(spn).matches();
    }

    /** The service class prefix filter of {@code spn duplicates --service-class C}. */
    static Filter ofServiceClass(String serviceClass) {
        if (serviceClass == null) {
            return Filter.createPresenceFilter(Ad.SERVICE_PRINCIPAL_NAME);
        }
        return Filter.createSubstringFilter(Ad.SERVICE_PRINCIPAL_NAME, serviceClass + "/", null, null);
    }

    static String lower(String spn) {
        return spn.toLowerCase(Locale.ROOT);
    }
}
