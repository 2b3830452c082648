package kerbshell.cli;

import kerbshell.error.KerbshellException;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An option given more than once on one line. Spring Shell keeps only the last occurrence, so {@code delegate
 * trust HV01 --to HV02 --to DC1} would silently delegate to DC1: an option that takes one value given twice is a
 * usage error; one that takes a list ({@code --param a=1 --param b=2}) gets every value, as one occurrence. The
 * one place every line passes through before Spring Shell parses it.
 */
final class RepeatedOptions {
    private RepeatedOptions() {
    }

    /** The words with repeated list options merged; throws a usage error for a single-value option given twice. */
    static List<String> normalize(Optional<CommandRegistration> registration, List<String> words) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String word : words) {
            if (word.startsWith("--") && word.length() > 2) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        List<String> repeated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        if (repeated.isEmpty()) {
            return words;
        }
        List<String> merged = words;
        for (String option : repeated) {
            CommandOption declared = registration.flatMap(r -> r.getOptions().stream()
                    .filter(o -> Arrays.asList(o.getLongNames()).contains(option.substring(2))).findFirst())
                    .orElse(null);
            if (declared == null) {
                continue; // an unknown option: Spring Shell names it
            }
            if (!takesList(declared)) {
                throw KerbshellException.usage("option " + option + " is given " + counts.get(option) + " times in '"
                        + String.join(" ", words) + "'; it takes one value: give it once");
            }
            merged = merge(option, merged);
        }
        return merged;
    }

    private static boolean takesList(CommandOption option) {
        if (option.getArityMax() > 1) {
            return true;
        }
        Class<?> type = option.getType() == null ? null : option.getType().getRawClass();
        return type != null && (type.isArray() || java.util.Collection.class.isAssignableFrom(type));
    }

    /** {@code --opt a --x --opt b c} becomes {@code --x --opt a b c}. */
    static List<String> merge(String option, List<String> words) {
        List<String> rest = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals(option)) {
                while (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
                    values.add(words.get(++i));
                }
            } else {
                rest.add(words.get(i));
            }
        }
        rest.add(option);
        rest.addAll(values);
        return rest;
    }
}
