package kerbshell;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release archive that {@code mvn package} makes, unpacked as an administrator would, away from the source
 * tree and with no Maven on the PATH: bin/kerbshell runs the lab and explains an error from there. Runs under
 * failsafe, after package, because it needs the archive.
 */
class ReleaseArchiveIT {
    /** All bin/kerbshell may use: no mvn, so a launcher that tried to build would fail. */
    private static final List<String> TOOLS = List.of("bash", "env", "readlink", "dirname", "stat", "head", "tr",
            "cksum", "cut", "rm", "mkdir", "cat", "nproc", "java", "setpriv");

    private static final Pattern COMPILER_THREADS =
            Pattern.compile("CICompilerCount\\s+=\\s+(\\d+)\\s+\\{product\\} \\{([^}]*)\\}");

    @TempDir
    static Path temp;
    static Path unpacked;

    @BeforeAll
    static void unpack() throws Exception {
        Path zip = Path.of(System.getProperty("kerbshell.releaseZip", "target/kerbshell-0.1.0-SNAPSHOT.zip"));
        assertTrue(Files.isRegularFile(zip), zip + " is missing: run mvn package");
        // unzip, as an administrator would, keeps the execute bit the archive records for bin/kerbshell.
        Result unzip = run(temp, Map.of(), "unzip", "-q", zip.toAbsolutePath().toString(), "-d", "install");
        assertEquals(0, unzip.exitCode, unzip.output);
        try (var top = Files.list(temp.resolve("install"))) {
            unpacked = top.findFirst().orElseThrow();
        }
        Path bin = Files.createDirectories(temp.resolve("path"));
        for (String tool : TOOLS) {
            // A forwarding script, not a link: JUnit warns about links that leave its temporary directory.
            Path forward = Files.writeString(bin.resolve(tool), "#!" + which("bash") + "\nexec " + which(tool)
                    + " \"$@\"\n");
            assertTrue(forward.toFile().setExecutable(true, false), forward.toString());
        }
    }

    @Test
    void shipsTheJarLaunchersCompletionsRecipesAndDocs() {
        for (String file : List.of("lib/kerbshell.jar", "lib/launch-jvm.sh", "bin/kerbshell.cmd",
                "completions/kerbshell.bash",
                "completions/_kerbshell", "recipes/hyperv-live-migration-pair.yaml",
                "recipes/training/cifs-only.yaml", "docs/explain.md", "README.md")) {
            assertTrue(Files.isRegularFile(unpacked.resolve(file)), file + " is not in the archive");
        }
        assertTrue(Files.isExecutable(unpacked.resolve("bin/kerbshell")), "bin/kerbshell is not executable");
    }

    /** An install missing one of the files bin/kerbshell needs says which, in one line, and starts nothing. */
    @Test
    void namesWhatIsMissingFromAnIncompleteInstall() throws Exception {
        Path partial = Files.createDirectories(temp.resolve("partial"));
        Files.createDirectories(partial.resolve("bin"));
        Files.createDirectories(partial.resolve("lib"));
        Path launcher = Files.copy(unpacked.resolve("bin/kerbshell"), partial.resolve("bin/kerbshell"));
        assertTrue(launcher.toFile().setExecutable(true, false), launcher.toString());
        for (String file : List.of("lib/kerbshell.jar", "lib/launch-jvm.sh")) {
            Result run = run(temp, launchEnv(Map.of()), launcher.toString(), "status");
            assertEquals(1, run.exitCode, run.output);
            assertEquals("kerbshell: " + partial.toRealPath().resolve(file) + " is missing; unpack the whole "
                    + "release archive again", run.output.strip());
            Files.copy(unpacked.resolve(file), partial.resolve(file));
        }
    }

    @Test
    void runsTheLabAndExplainsFromTheUnpackedDirectoryWithoutMaven() throws Exception {
        Result status = kerbshell("status");
        assertEquals(0, status.exitCode, status.output);
        assertTrue(status.output.contains("domain:            lab.test"), status.output);
        assertTrue(status.output.contains("(built-in lab)"), status.output);
        // The first run made the extracted layout and its AppCDS archive next to the (writable) jar.
        assertTrue(Files.isRegularFile(unpacked.resolve("lib/run/app.jsa")), "no AppCDS archive in lib/run");
        String key = Files.readString(unpacked.resolve("lib/run/key"));

        Result explain = kerbshell("explain", "0x80090303");
        assertEquals(0, explain.exitCode, explain.output);
        assertTrue(explain.output.contains("SEC_E_TARGET_UNKNOWN (0x80090303)"), explain.output);
        assertEquals(key, Files.readString(unpacked.resolve("lib/run/key")), "the second run remade the archive");

        // status and explain run without the shell (OneShotWithoutShell): a check boots it, from the same layout.
        Result check = kerbshell("check", "pair", "HV01", "HV02", "--json");
        assertEquals(1, check.exitCode, check.output); // the fresh lab's pair lacks its delegation
        assertTrue(check.output.contains("\"problem\":\"HV01 is not trusted to delegate to HV02\""), check.output);
    }

    /** The commands that run without the shell map the smaller one-shot archive; the rest map the shell's. */
    @Test
    void mapsTheOneShotArchiveForTheCommandsThatRunWithoutTheShell() throws Exception {
        String launcher = unpacked.resolve("bin/kerbshell").toString();
        Map<String, String> logged = launchEnv(Map.of("KERBSHELL_JAVA_OPTS", "-Xlog:cds=info"));
        Result explain = run(temp, logged, launcher, "explain", "0x80090303");
        assertEquals(0, explain.exitCode, explain.output);
        Path run = unpacked.resolve("lib/run");
        assertThat(run.resolve("one-shot.jsa")).isRegularFile();
        assertThat(Files.size(run.resolve("one-shot.jsa"))).as("smaller than the shell's")
                .isLessThan(Files.size(run.resolve("app.jsa")));
        assertThat(explain.output).contains("SEC_E_TARGET_UNKNOWN (0x80090303)")
                .contains("Opened archive " + run.toRealPath().resolve("one-shot.jsa")).doesNotContain("app.jsa");
        Result check = run(temp, logged, launcher, "check", "pair", "HV01", "HV02", "--json");
        assertEquals(1, check.exitCode, check.output);
        assertThat(check.output).contains("Opened archive " + run.toRealPath().resolve("app.jsa"))
                .doesNotContain("one-shot.jsa");
    }

    @Test
    void startsOneJitCompilerThreadOnOneOrTwoCoresAndTheJvmsOwnCountOnMore() throws Exception {
        String launcher = unpacked.resolve("bin/kerbshell").toString();
        String taskset = which("taskset");
        assertEquals("1 {command line}", compilerThreads(Map.of(), taskset, "-c", "0", launcher, "--version"));
        // nproc, which the launcher asks, honours OMP_NUM_THREADS: a machine of eight cores, as the launcher sees it.
        assertThat(compilerThreads(Map.of("OMP_NUM_THREADS", "8"), launcher, "--version")).endsWith("{ergonomic}");
        // The full tiered JIT, chosen in KERBSHELL_JAVA_OPTS, needs two compiler threads: the JVM's own count.
        assertThat(compilerThreads(Map.of("KERBSHELL_JAVA_OPTS", "-XX:TieredStopAtLevel=4 -XX:+PrintFlagsFinal"),
                taskset, "-c", "0", launcher, "--version")).endsWith("{ergonomic}");
    }

    /**
     * CICompilerCount as -XX:+PrintFlagsFinal prints it (the value and where it came from) for a launch that
     * succeeds, with {@code env} over the launch's PATH, HOME and KERBSHELL_JAVA_OPTS=-XX:+PrintFlagsFinal.
     */
    private static String compilerThreads(Map<String, String> env, String... command) throws Exception {
        Map<String, String> launch = new HashMap<>(Map.of("KERBSHELL_JAVA_OPTS", "-XX:+PrintFlagsFinal"));
        launch.putAll(env);
        Result run = run(temp, launchEnv(launch), command);
        assertEquals(0, run.exitCode, run.output);
        Matcher line = COMPILER_THREADS.matcher(run.output);
        assertTrue(line.find(), run.output);
        return line.group(1) + " {" + line.group(2) + "}";
    }

    @Test
    void keepsTheArchiveUnderKerbshellHomeWhenTheInstallIsReadOnly() throws Exception {
        Path home = Files.createDirectories(temp.resolve("operator"));
        Result status;
        if (isRoot()) {
            // Root may write anywhere: the install stays root's and an unprivileged user runs it.
            for (Path dir = home; dir != null; dir = dir.getParent()) {
                assertTrue(dir.toFile().setExecutable(true, false), dir.toString());
            }
            Result chown = run(temp, Map.of(), "chown", "nobody", home.toString());
            assertEquals(0, chown.exitCode, chown.output);
            status = kerbshell(home, "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                    unpacked.resolve("bin/kerbshell").toString(), "status");
        } else {
            assertTrue(unpacked.resolve("lib").toFile().setWritable(false, false), "cannot make lib read-only");
            status = kerbshell(home, unpacked.resolve("bin/kerbshell").toString(), "status");
            assertTrue(unpacked.resolve("lib").toFile().setWritable(true), "cannot make lib writable again");
        }
        assertEquals(0, status.exitCode, status.output);
        assertTrue(status.output.contains("domain:            lab.test"), status.output);
        try (var keyed = Files.list(home.resolve("kerbshell-home/cds"))) {
            Path run = keyed.findFirst().orElseThrow();
            assertTrue(Files.isRegularFile(run.resolve("app.jsa")), "no AppCDS archive in " + run);
        }
    }

    /**
     * Against the real DC, the unpacked launcher speaks TLS through BoringSSL, whose library its preparation took
     * out of Conscrypt's jar into the run directory's native-lib (nothing is copied out at launch); where it
     * cannot load (here: a library path that does not hold it), or when -Dkerbshell.tls=jdk asks, the JDK's TLS
     * speaks instead, and the command works the same.
     */
    @Test
    void speaksTlsThroughBoringSslAndFallsBackToTheJdksWhereItCannotLoad() throws Exception {
        kerbshell.testbed.SambaTestBed bed = kerbshell.testbed.SambaTestBed.get();
        String[] status = {unpacked.resolve("bin/kerbshell").toString(), "--server", bed.dcIp(), "--domain",
                bed.domain(), "--user", bed.operatorUser(), "--ca-file", bed.caFile().toString(), "status", "--json"};
        Map<String, String> expected = Map.of(
                "", "BoringSSL (Conscrypt 2.",
                "-Djava.library.path=/proc", "the JDK's TLS",
                "-Dkerbshell.tls=jdk", "the JDK's TLS");
        for (Map.Entry<String, String> variant : expected.entrySet()) {
            Result run = withJavaOptions(variant.getKey(), bed.operatorPassword(), status);
            assertEquals(0, run.exitCode, variant.getKey() + ": " + run.output);
            assertThat(run.output).as(variant.getKey()).contains("\"tlsLibrary\":\"" + variant.getValue())
                    .contains("\"transport\":\"LDAPS, certificate verified against " + bed.caFile() + "\"");
        }
        Path run = unpacked.resolve("lib/run");
        assertThat(run.resolve("native-lib/libconscrypt_openjdk_jni-linux-x86_64.so")).isRegularFile();
        try (var jars = Files.list(run.resolve("lib"));
             var zip = new java.util.zip.ZipFile(jars.filter(p -> p.getFileName().toString().startsWith("conscrypt-"))
                     .findFirst().orElseThrow().toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName)).as("Conscrypt's jar in the layout")
                    .contains("org/conscrypt/Conscrypt.class").noneMatch(n -> n.startsWith("META-INF/native/"));
        }
        assertThat(!Files.exists(run.resolve("native")) || isEmpty(run.resolve("native")))
                .as("nothing copied out of the jar at launch").isTrue();
        // BoringSSL asked for where it cannot load fails in one line; a word naming neither is a usage error.
        Result insisted = withJavaOptions("-Dkerbshell.tls=boringssl -Djava.library.path=/proc",
                bed.operatorPassword(), status);
        assertEquals(1, insisted.exitCode, insisted.output);
        assertThat(insisted.output.strip()).startsWith("error: -Dkerbshell.tls=boringssl, but BoringSSL's library "
                + "cannot be loaded here").doesNotContain("\n");
        Result typo = withJavaOptions("-Dkerbshell.tls=openssl", bed.operatorPassword(), status);
        assertEquals(2, typo.exitCode, typo.output);
        assertThat(typo.output.strip()).endsWith("-Dkerbshell.tls=openssl names no TLS implementation: give jdk or "
                + "boringssl, or leave it unset").doesNotContain("\n");
    }

    private static boolean isEmpty(Path directory) throws java.io.IOException {
        try (var entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Runs {@code command} with KERBSHELL_JAVA_OPTS and the password in KERBSHELL_PASSWORD. */
    private static Result withJavaOptions(String javaOptions, String password, String... command) throws Exception {
        return run(temp, launchEnv(Map.of("KERBSHELL_PASSWORD", password, "KERBSHELL_JAVA_OPTS", javaOptions)),
                command);
    }

    /** A launch's environment: the PATH of the tools bin/kerbshell may use, HOME in the temporary directory, more. */
    private static Map<String, String> launchEnv(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("PATH", temp.resolve("path").toString(),
                "HOME", temp.toString()));
        env.putAll(more);
        return env;
    }

    private static boolean isRoot() throws Exception {
        return run(temp, Map.of(), "id", "-u").output.strip().equals("0");
    }

    /** Runs command (a launcher, or setpriv before one) with KERBSHELL_HOME under home. */
    private static Result kerbshell(Path home, String... command) throws Exception {
        return run(temp, Map.of("PATH", temp.resolve("path").toString(), "HOME", home.toString(),
                "KERBSHELL_HOME", home.resolve("kerbshell-home").toString()), command);
    }

    private static Result kerbshell(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = unpacked.resolve("bin/kerbshell").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return run(temp, launchEnv(Map.of()), command);
    }

    private static String which(String tool) throws IOException {
        if (tool.equals("java")) {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toRealPath().toString();
            }
        }
        throw new IOException(tool + " is not on the PATH");
    }

    private static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("KERBSHELL_HOME");
        builder.environment().remove("KERBSHELL_JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
