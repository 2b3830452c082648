package kerbshell.cli;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One word is one value: Spring's default conversion from a String to a List splits it at commas, so a quoted
 * {@code "http/a,http/b"} given to a list option became two SPNs. Registered after the defaults, it wins for every
 * list of strings; several values are given as several words.
 */
final class WholeWordToList implements ConditionalGenericConverter {
    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, Collection.class));
    }

    @Override
    public boolean matches(TypeDescriptor source, TypeDescriptor target) {
        TypeDescriptor element = target.getElementTypeDescriptor();
        return target.getType().isAssignableFrom(List.class)
                && (element == null || element.getType() == String.class || element.getType() == Object.class);
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        List<String> values = new ArrayList<>();
        if (source != null) {
            values.add((String) source);
        }
        return values;
    }
}
