package kerbshell;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training's list of DC-session classes stays usable: kerbshell's own entries all exist (a renamed class
 * would silently drop out of the archive), and nearly all of the JDK's load on this JDK.
 */
class CdsTrainingTest {
    @Test
    void theListedClassesLoad() throws IOException {
        List<String> names;
        try (InputStream in = CdsTraining.class.getResourceAsStream(CdsTraining.LIST)) {
            assertThat(in).as(CdsTraining.LIST).isNotNull();
            names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
        assertThat(names).hasSizeGreaterThan(500)
                .contains("kerbshell.directory.CaFileTrust", "sun.security.ssl.ClientHello",
                        "sun.security.jgss.krb5.Krb5Context", "kerbshell.spn.SpnHolderSearch");
        List<String> missing = names.stream().filter(n -> !loads(n)).toList();
        assertThat(missing.stream().filter(n -> n.startsWith("kerbshell."))).as("renamed or removed").isEmpty();
        assertThat(missing.size()).as("missing: " + missing).isLessThan(names.size() / 20);
        assertThat(CdsTraining.preload()).isEqualTo(names.size() - missing.size());
    }

    private static boolean loads(String name) {
        try {
            Class.forName(name, false, CdsTrainingTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
