package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wrong arguments on the command line and in a command file: one line, exit 2, naming the synopsis, nothing
 * written - never a NullPointerException, a silently used extra word or a file named after a host.
 */
class UsageErrorsTest {
    @TempDir
    Path home;

    private void usage(String expectedStart, String... args) {
        KerbshellRun.Result run = KerbshellRun.in(home).args(args);
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(1, run.stderr().lines().count(), "one line: " + run);
        assertTrue(run.stderr().startsWith("error: " + expectedStart), run::toString);
        assertFalse(run.stderr().contains("Exception"), run::toString);
    }

    @Test
    void arityAndOptionErrorsNameTheSynopsis() {
        usage("check pair: missing SECOND (the other host); usage: check pair FIRST SECOND ", "check", "pair", "HV01");
        usage("no server given: add --server", "connect");
        usage("account etypes: missing TYPES", "account", "etypes", "HV01");
        usage("ticket s4u: takes no arguments, but was given 'HV01'; usage: ticket s4u --as HOST --keytab FILE "
                + "--user USER --to SPN [--json]", "ticket", "s4u", "HV01");
        usage("check pair: one argument too many: 'HV03'", "check", "pair", "HV01", "HV02", "HV03");
        usage("check host: one argument too many: 'HV02'", "check", "host", "HV01", "HV02");
        assertFalse(Files.exists(Path.of("HV02")), "no fix-plan file named after the host");
        usage("unknown command 'spn lst': did you mean 'spn list'?", "spn", "lst", "HV01");
        usage("spn list: unknown option --jsn: did you mean '--json'?", "spn", "list", "HV01", "--jsn");
        usage("vmms restart: --via must be one of lab, print, ssh, winrm, not 'sshh': did you mean 'ssh'?",
                "vmms", "restart", "HV01", "--via", "sshh");
    }

    @Test
    void theSameLineInACommandFileAndTheDebugSwitchInside() {
        KerbshellRun.Result run = KerbshellRun.in(home).stdin("spn lst HV01\ndebug on\nspn list HV01 --jsn\n")
                .args("--keep-going");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("error: unknown command 'spn lst': did you mean 'spn list'?"), run::toString);
        assertTrue(run.stdout().contains("debug on: errors show their stack trace"), run::toString);
        assertTrue(run.stderr().contains("kerbshell.error.KerbshellException: spn list: unknown option --jsn"),
                "with debug on, the trace: " + run);
    }
}
