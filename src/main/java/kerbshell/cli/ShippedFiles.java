package kerbshell.cli;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Text files shipped inside the jar (recipes, scenarios), listed by a classpath pattern. */
final class ShippedFiles {
    private ShippedFiles() {
    }

    /** The texts of the files matching {@code pattern} (e.g. "kerbshell/recipes/*.yaml"), by file name. */
    static Map<String, String> read(String pattern) {
        Map<String, String> texts = new TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:" + pattern)) {
                texts.put(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped files " + pattern + ": " + e.getMessage(), e);
        }
        return texts;
    }
}
