package kerbshell.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launchers' choice of archive (launch-jvm.sh, kerbshell_runs_without_shell): the one-shot archive for the
 * commands that run without the shell, read past the leading options as LaunchOptions reads them. Run in bash.
 */
class LauncherArchiveChoiceTest {
    private static final Path SCRIPT = Path.of("src/assembly/lib/launch-jvm.sh");

    @Test
    void theOptionsThatTakeAValueAreLaunchOptionsOwn() throws Exception {
        Matcher line = Pattern.compile("(?m)^\\s*(--server\\|[^)]*)\\)").matcher(Files.readString(SCRIPT));
        assertThat(line.find()).as("the case of the options that take a value in " + SCRIPT).isTrue();
        Set<String> skipped = new TreeSet<>(Arrays.asList(line.group(1).split("\\|")));
        skipped.add("--file"); // its own case: a script file always takes the shell's path
        assertThat(skipped).isEqualTo(new TreeSet<>(LaunchOptions.VALUE_OPTIONS));
    }

    @Test
    void theCommandsThatRunWithoutTheShellGetTheOneShotArchive() throws Exception {
        for (String args : List.of("status", "status --json", "spn duplicates", "spn duplicates --json",
                "explain 0x80090303", "explain Duplicate SPN found, aborting operation!",
                "--server dc1.corp.example --user admin --ca-file ca.pem spn duplicates --json",
                "--server=dc1 --timeout 20 status", "--json --insecure-tls status",
                "--keep-going explain -2146893053")) {
            assertThat(runsWithoutShell(args)).as(args).isTrue();
        }
    }

    @Test
    void everythingElseGetsTheShellsArchive() throws Exception {
        for (String args : List.of("", "--server dc1", "--profile status", "--debug status", "--file fix.ks",
                "--file=fix.ks status", "check pair HV01 HV02", "spn duplicates --service-class cifs", "spn list HV01",
                "lab start", "--server dc1 --user status")) {
            assertThat(runsWithoutShell(args)).as(args).isFalse();
        }
    }

    private static boolean runsWithoutShell(String args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "set -euo pipefail; . \"$0\"; "
                + "if kerbshell_runs_without_shell \"$@\"; then echo yes; else echo no; fi", SCRIPT.toString()));
        if (!args.isEmpty()) {
            command.addAll(args.startsWith("explain Duplicate") ? List.of("explain", args.substring(8))
                    : Arrays.asList(args.split(" ")));
        }
        Process bash = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(bash.getInputStream().readAllBytes()).strip();
        assertThat(bash.waitFor()).as(out).isZero();
        return Set.of("yes").contains(out);
    }
}
