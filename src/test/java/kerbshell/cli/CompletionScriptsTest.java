package kerbshell.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scripts in completions/ are what the command model generates now, and bash and zsh complete with them:
 * commands, options, enum values, and the scenario, recipe and profile names the scripts ask kerbshell for (through
 * a launcher in the test's home that runs this build with the test's kerbshell directory and config.yaml).
 */
class CompletionScriptsTest {
    @TempDir
    Path home;
    private Path launcher;

    @BeforeEach
    void userFiles() throws Exception {
        Path config = writeUserFiles(home);
        launcher = home.resolve("kerbshell");
        Files.writeString(launcher, "#!/bin/sh\nexec env KERBSHELL_HOME='" + home.resolve("kerbshell-home")
                + "' KERBSHELL_CONFIG='" + config + "' '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path")
                + "' kerbshell.Kerbshell \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    }

    /**
     * Under a test's home (KerbshellRun's and TerminalSession's layout): profiles corp and branch in config.yaml,
     * the user's own recipe fix-hv07, and a recipe file that does not load. Returns the config file.
     */
    static Path writeUserFiles(Path home) throws Exception {
        Path config = Files.createDirectories(home.resolve("config")).resolve("config.yaml");
        Files.writeString(config, """
                profiles:
                  corp:
                    server: dc1.corp.example
                    domain: corp.example
                  branch:
                    server: dc7.branch.example
                    domain: branch.example
                """);
        Path recipes = Files.createDirectories(home.resolve("kerbshell-home/recipes"));
        Files.writeString(recipes.resolve("fix-hv07.yaml"), Files.readString(Path.of("recipes/seed-blog-fix.yaml"))
                .replace("name: seed-blog-fix", "name: fix-hv07"));
        Files.writeString(recipes.resolve("broken.yaml"), "name: [not a recipe\n");
        return config;
    }

    @Test
    void shippedScriptsAreNotStale() throws Exception {
        for (String[] shell : new String[][] {{"bash", "completions/kerbshell.bash"}, {"zsh", "completions/_kerbshell"}}) {
            KerbshellRun.Result run = KerbshellRun.in(home).args("completion", shell[0]);
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(run.stdout(), Files.readString(Path.of(shell[1])), shell[1] + " is stale: regenerate it "
                    + "with ./kerbshell completion " + shell[0] + " > " + shell[1]);
        }
    }

    @Test
    void bashCompletesCommandsSubcommandsAndOptions() throws Exception {
        assertEquals("lab", bash("kerbshell la"));
        assertEquals("migrate plant reset scenario start status stop", bash("kerbshell --server dc1 --json lab "));
        assertEquals("--help --json --kdc-port --ldap-port", bash("kerbshell lab start --"));
        assertEquals("--keep-going --keytab", bash("kerbshell --ke"));
    }

    @Test
    void bashCompletesEveryEnumOptionsValues() throws Exception {
        assertEquals("lab print ssh winrm", bash("kerbshell vmms restart HV01 --via "));
        assertEquals("powershell", bash("kerbshell vmms restart HV01 --shell p"));
        assertEquals("ldaps none starttls", bash("kerbshell --tls "));
        assertEquals("starttls", bash("kerbshell --server dc1 connect --tls st"));
        assertEquals("gssapi simple", bash("kerbshell --auth "));
        assertEquals("ldif powershell setspn", bash("kerbshell spn add HV01 http/x --dry-run --as "));
    }

    @Test
    void bashAsksKerbshellForScenarioRecipeAndProfileNames() throws Exception {
        assertEquals("one-direction", bash(launcher + " lab scenario start one-"));
        List<String> scenarios = List.of(bash(launcher + " lab scenario start ").split(" "));
        assertTrue(scenarios.containsAll(List.of("intro", "one-direction", "two-faults")), scenarios::toString);
        assertEquals("--dir", bash(launcher + " lab scenario start --d"), "options still complete after a dash");

        assertEquals("fix-hv07", bash(launcher + " recipe run fix"), "the user's own recipe");
        assertEquals("hyperv-live-migration-pair", bash(launcher + " recipe show hyperv-l"), "a shipped one");
        assertEquals("--dry-run", bash(launcher + " recipe run fix-hv07 --dr"), "after the name come the options");

        assertEquals("branch corp", bash(launcher + " --profile "));
        assertEquals("corp", bash(launcher + " connect --profile c"));
        assertEquals("branch", bash(launcher + " profile delete b"));
    }

    @Test
    void zshCompletesTheSameWithTheSameScript() throws Exception {
        assertEquals("ldaps none starttls", zsh("kerbshell --tls ''"));
        assertEquals("lab print ssh winrm", zsh("kerbshell vmms restart HV01 --via ''"));
        assertEquals("--help --json --kdc-port --ldap-port", zsh("kerbshell lab start --"));
        assertTrue(List.of(zsh(launcher + " lab scenario start ''").split(" ")).contains("one-direction"));
        assertTrue(List.of(zsh(launcher + " recipe run ''").split(" ")).contains("fix-hv07"));
        assertEquals("branch corp", zsh(launcher + " connect --profile ''"));
    }

    /** What bash offers for the line (a trailing space: a new, empty word). */
    private static String bash(String line) throws Exception {
        String script = "source completions/kerbshell.bash; COMP_WORDS=(" + line + ")"
                + (line.endsWith(" ") ? "; COMP_WORDS+=('')" : "")
                + "; COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _kerbshell; echo \"${COMPREPLY[*]}\"";
        return run("bash", "-c", script);
    }

    /**
     * What zsh offers: the script's function run with the words of the line (the last one being completed, filtered
     * by prefix as zsh would) and a compadd that prints its candidates, since the real one needs a live widget.
     */
    private static String zsh(String line) throws Exception {
        String script = "compadd() { [[ $1 == -- ]] && shift; local c; for c in \"$@\"; do [[ $c == \"${words[CURRENT]}\"* ]]"
                + " && print -r -- $c; done }; words=(" + line + "); CURRENT=${#words}; source completions/_kerbshell";
        return String.join(" ", run("zsh", "-f", "-c", script).lines().sorted().toList());
    }

    private static String run(String... command) throws Exception {
        Process shell = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, shell.waitFor(), out);
        return out;
    }
}
