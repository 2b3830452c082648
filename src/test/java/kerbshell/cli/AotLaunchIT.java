package kerbshell.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar run as the launchers run it, with the context the build's AOT processing generated
 * ({@code -Dspring.aot.enabled=true}), says and exits exactly as the in-process run, which boots Spring the
 * ordinary way: AOT freezes the bean definitions and their conditions at build time, so a command, an option or
 * a launch property that only works when conditions are evaluated at run time shows up here. Spring refuses to
 * start with the flag when the generated initializer is missing, so a passing run is an AOT run. Under failsafe,
 * after package, because it needs the jar.
 */
class AotLaunchIT {
    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {
            "status",
            "--json status",
            "check pair HV01 HV02",
            "spn list HV01",
            "spn list HV01 --json",
            "spn add HV01 HTTP/web.lab.test --dry-run --as powershell",
            "delegate trust HV01 --to HV02 --services cifs --dry-run",
            "check pair HV01",
            "spn lst HV01",
            "explain 0x80090303",
            "completion bash"})
    void aCommandLineSaysTheSameAsWithoutAot(String line) throws Exception {
        assertSame(line.split(" "), "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spn duplicates\ndelegate show HV01\ncheck pair HV01 HV02\n", "spn list HV02\nbogus\n"})
    void linesOnStdinSayTheSameAsWithoutAot(String lines) throws Exception {
        assertSame(new String[0], lines);
    }

    @org.junit.jupiter.api.Test
    void aScriptFileSaysTheSameAsWithoutAot() throws Exception {
        Path script = Files.writeString(home.resolve("fix.ks"),
                "spn list HV01\nspn add HV01 HTTP/web.lab.test --dry-run\ndelegate show HV02\n");
        assertSame(new String[] {"--file", script.toString()}, "");
    }

    private void assertSame(String[] args, String stdin) throws Exception {
        KerbshellRun.Result inProcess = KerbshellRun.in(home).stdin(stdin).args(args);
        KerbshellRun.Result aot = packaged(args, stdin);
        assertEquals(normal(inProcess), normal(aot), "with AOT:\n" + aot + "\nwithout:\n" + inProcess);
    }

    /** What changes from run to run on the lab: its ports and the server's clock. */
    private static String normal(KerbshellRun.Result result) {
        return result.toString().replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT").replaceAll("\"port\":\\d+", "\"port\":PORT")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "TIME");
    }

    private KerbshellRun.Result packaged(String[] args, String stdin) throws Exception {
        Path jar = Path.of(System.getProperty("kerbshell.jar", "target/kerbshell.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn package");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dspring.aot.enabled=true",
                "-Dkerbshell.stdin.tty=false", "-Dkerbshell.stdout.tty=false", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path in = Files.writeString(home.resolve("stdin.txt"), stdin);
        Path err = home.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(in.toFile()).redirectError(err.toFile());
        builder.environment().clear(); // as the in-process run: only what is set here
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("KERBSHELL_HOME", home.resolve("kerbshell-home").toString());
        builder.environment().put("KERBSHELL_CONFIG", home.resolve("config/config.yaml").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes:\n" + out);
        }
        return new KerbshellRun.Result(process.exitValue(), out, Files.readString(err));
    }
}
