package kerbshell.directory;

import kerbshell.error.KerbshellException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Parses the lower-case words users type for enum options, with one clear usage error listing the choices. */
final class EnumWords {
    private EnumWords() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, String option) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        String choices = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase())
                .collect(Collectors.joining(", "));
        throw KerbshellException.usage(option + " must be one of " + choices + ", not '" + text + "'");
    }
}
