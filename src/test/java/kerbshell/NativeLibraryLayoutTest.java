package kerbshell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** BoringSSL's libraries out of (a copy of) the real Conscrypt jar, the rest of the jar as it was. */
class NativeLibraryLayoutTest {
    @TempDir
    Path run;

    @Test
    void takesTheLibrariesOutOfConscryptsJarAndKeepsEverythingElse() throws Exception {
        Path original = Path.of(org.conscrypt.Conscrypt.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path jar = Files.createDirectories(run.resolve("lib")).resolve(original.getFileName());
        Files.copy(original, jar);
        Path other = Files.copy(original, run.resolve("lib/other-native-1.0.jar"));
        Map<String, byte[]> before = contents(jar);

        List<Path> written = NativeLibraryLayout.split(run);

        Path libraries = run.resolve(NativeLibraryLayout.DIRECTORY);
        assertThat(written).contains(libraries.resolve("libconscrypt_openjdk_jni-linux-x86_64.so"),
                libraries.resolve("conscrypt_openjdk_jni-windows-x86_64.dll"));
        for (Path library : written) {
            assertThat(Files.readAllBytes(library)).as(library.toString())
                    .isEqualTo(before.get("META-INF/native/" + library.getFileName()));
        }
        Map<String, byte[]> after = contents(jar);
        Map<String, byte[]> kept = new TreeMap<>(before);
        kept.keySet().removeIf(name -> name.startsWith("META-INF/native/"));
        assertThat(after.keySet()).containsExactlyElementsOf(kept.keySet());
        kept.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
        assertThat(contents(other)).as("only Conscrypt's jar").containsKey(
                "META-INF/native/libconscrypt_openjdk_jni-linux-x86_64.so");
        try (var files = Files.list(run.resolve("lib"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder(jar.getFileName().toString(), "other-native-1.0.jar");
        }

        assertThat(NativeLibraryLayout.split(run)).as("nothing left to take out").isEmpty();
    }

    @Test
    void aLayoutWithoutConscryptIsLeftAlone() throws IOException {
        Files.createDirectories(run.resolve("lib"));

        assertThat(NativeLibraryLayout.split(run)).isEmpty();
        assertThat(run.resolve(NativeLibraryLayout.DIRECTORY)).doesNotExist();
    }

    private static Map<String, byte[]> contents(Path jar) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    contents.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return contents;
    }
}
