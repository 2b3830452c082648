package kerbshell.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Samba AD DC (realm CORP.TEST) that {@code scripts/samba-testbed} provisions on a loopback address.
 *
 * <p>{@link #get()} starts it once per JVM and stops it from a shutdown hook. When it cannot start (Samba missing
 * and not installable, ports taken, a start-up failure) {@code get()} throws an {@link IllegalStateException}
 * carrying the script's stderr: tests that need a real DC fail, they never skip.
 *
 * <p>System properties: {@code kerbshell.samba.dir=DIR} uses (or starts) the test bed in DIR and leaves it
 * running at exit, for a fast edit-test loop (stop it with {@code scripts/samba-testbed stop DIR});
 * {@code kerbshell.samba.keep=true} keeps the temporary directory after stopping. See docs/testbed.md.
 */
public final class SambaTestBed {

    private static final long START_TIMEOUT_MINUTES = 10;
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private static SambaTestBed instance;
    private static IllegalStateException startFailure;

    private final Path dir;
    private final Map<String, String> env;

    private SambaTestBed(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    /** The running test bed, started on first use; the same instance for the whole JVM. */
    public static synchronized SambaTestBed get() {
        if (instance != null) {
            return instance;
        }
        if (startFailure != null) {
            throw startFailure; // do not retry a failed start for every test class
        }
        try {
            instance = start();
            return instance;
        } catch (IllegalStateException e) {
            startFailure = e;
            throw e;
        }
    }

    private static SambaTestBed start() {
        Path script = findScript();
        String fixedDir = System.getProperty("kerbshell.samba.dir");
        Path dir;
        try {
            dir = fixedDir != null && !fixedDir.isBlank()
                    ? Paths.get(fixedDir).toAbsolutePath()
                    : Files.createTempDirectory("kerbshell-samba-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a directory for the Samba test bed: " + e, e);
        }
        boolean temporary = fixedDir == null || fixedDir.isBlank();

        ScriptResult result = runScript(script, "start", dir, START_TIMEOUT_MINUTES * 60);
        if (result.exitCode != 0) {
            if (temporary) {
                runScript(script, "stop", dir, STOP_TIMEOUT_SECONDS); // nothing may stay behind
                deleteTree(dir);
            }
            throw new IllegalStateException("the Samba test bed did not start (scripts/samba-testbed start "
                    + dir + " exited " + result.exitCode + "):\n" + result.stderr.strip());
        }
        Path envFile = Paths.get(result.stdout.strip());
        Map<String, String> env = parseEnv(envFile);

        if (temporary) {
            boolean keep = Boolean.getBoolean("kerbshell.samba.keep");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                runScript(script, "stop", dir, STOP_TIMEOUT_SECONDS);
                if (!keep) {
                    deleteTree(dir);
                }
            }, "samba-testbed-stop"));
        }
        return new SambaTestBed(dir, env);
    }

    // ---- typed access to testbed.env -----------------------------------------------------------------------

    public String realm() { return env("REALM"); }
    public String domain() { return env("DOMAIN"); }
    public String netbios() { return env("NETBIOS"); }
    public String baseDn() { return env("BASE_DN"); }
    public String dcIp() { return env("DC_IP"); }
    public String dcHost() { return env("DC_HOST"); }
    public int ldapPort() { return Integer.parseInt(env("LDAP_PORT")); }
    public int ldapsPort() { return Integer.parseInt(env("LDAPS_PORT")); }
    public int gcPort() { return Integer.parseInt(env("GC_PORT")); }
    public int kdcPort() { return Integer.parseInt(env("KDC_PORT")); }
    public String adminUser() { return env("ADMIN_USER"); }
    public String adminPassword() { return env("ADMIN_PASSWORD"); }
    /** Administrator's DN, for a simple bind. */
    public String adminDn() { return "CN=" + adminUser() + ",CN=Users," + baseDn(); }
    public String operatorUser() { return env("OPERATOR_USER"); }
    public String operatorPassword() { return env("OPERATOR_PASSWORD"); }
    public String alicePassword() { return env("ALICE_PASSWORD"); }
    public String hv01Password() { return env("HV01_PASSWORD"); }
    public String hv02Password() { return env("HV02_PASSWORD"); }
    public Path caFile() { return Paths.get(env("CA_FILE")); }
    public Path krb5Conf() { return Paths.get(env("KRB5_CONF")); }
    public Path hv01Keytab() { return Paths.get(env("HV01_KEYTAB")); }
    public Path hv02Keytab() { return Paths.get(env("HV02_KEYTAB")); }
    public Path operatorKeytab() { return Paths.get(env("OPERATOR_KEYTAB")); }
    /** The directory holding this instance (smb.conf under etc/, logs under log/). */
    public Path dir() { return dir; }

    /** Any key of testbed.env; an unknown key is a test bug, so it throws. */
    public String env(String key) {
        String value = env.get(key);
        if (value == null) {
            throw new IllegalArgumentException("testbed.env has no " + key + " (keys: " + env.keySet() + ")");
        }
        return value;
    }

    /** All of testbed.env, in file order. */
    public Map<String, String> envMap() {
        return Collections.unmodifiableMap(env);
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    static Map<String, String> parseEnv(Path envFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(envFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the test bed's env file " + envFile + ": " + e, e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException("malformed line in " + envFile + ": " + line);
            }
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return env;
    }

    /** scripts/samba-testbed under the Maven basedir (the working directory), or under one of its parents. */
    private static Path findScript() {
        Path start = Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path script = p.resolve("scripts").resolve("samba-testbed");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("scripts/samba-testbed not found in " + start + " or its parents");
    }

    private record ScriptResult(int exitCode, String stdout, String stderr) {
    }

    private static ScriptResult runScript(Path script, String command, Path dir, long timeoutSeconds) {
        Path outFile = null;
        Path errFile = null;
        try {
            // Both streams go to files: no pipe can fill up and block the script, and the timeout holds.
            outFile = Files.createTempFile("samba-testbed-", ".stdout");
            errFile = Files.createTempFile("samba-testbed-", ".stderr");
            Process process = new ProcessBuilder("bash", script.toString(), command, dir.toString())
                    .directory(script.getParent().getParent().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(outFile.toFile())
                    .redirectError(errFile.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new ScriptResult(-1, "", "samba-testbed " + command + " did not finish within "
                        + timeoutSeconds + " s\n" + Files.readString(errFile));
            }
            return new ScriptResult(process.exitValue(), Files.readString(outFile), Files.readString(errFile));
        } catch (IOException e) {
            return new ScriptResult(-1, "", "cannot run " + script + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ScriptResult(-1, "", "interrupted while running " + script + " " + command);
        } finally {
            deleteQuietly(outFile);
            deleteQuietly(errFile);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("samba-testbed: could not delete " + dir + ": " + e);
        }
    }
}
