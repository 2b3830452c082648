package kerbshell.cli;

import kerbshell.directory.TestCertificate;
import kerbshell.lab.LabDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection options before the command and every way a password may arrive, against a lab directory reached
 * over LDAP as if it were a remote DC.
 */
class ConnectionOptionsTest {
    private static LabDirectory dc;
    private static TestCertificate certificate;

    @TempDir
    Path home;

    @BeforeAll
    static void startDc(@TempDir Path certificates) {
        certificate = TestCertificate.issue(certificates, "localhost", "dns:localhost", "ip:127.0.0.1");
        dc = LabDirectory.startLdaps(0, certificate.serverSockets());
    }

    @AfterAll
    static void stopDc() {
        dc.close();
    }

    private String[] connect(String... command) {
        String[] options = {"--server", "127.0.0.1", "--port", String.valueOf(dc.ldapPort()), "--ca-file",
                certificate.pem().toString(), "--domain", "lab.test", "--user", "operator"};
        String[] args = new String[options.length + command.length];
        System.arraycopy(options, 0, args, 0, options.length);
        System.arraycopy(command, 0, args, options.length, command.length);
        return args;
    }

    @Test
    void passwordFromTheEnvironment() {
        KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "LabOperator-2025!")
                .args(connect("status"));
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("operator (user)"), run::toString);
        assertTrue(run.stdout().contains("Hyper-V Operators"), "groups of the bound identity");
    }

    @Test
    void passwordFromAProtectedFile() throws Exception {
        Path file = home.resolve("pw");
        Files.writeString(file, "LabOperator-2025!\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        KerbshellRun.Result run = KerbshellRun.in(home).args(connect("--password-file", file.toString(), "status"));
        assertEquals(0, run.exitCode(), run::toString);

        KerbshellRun.Result afterCommand = KerbshellRun.in(home).args(connect("status", "--password-file", "x"));
        assertEquals(2, afterCommand.exitCode(), "launch options go before the command: " + afterCommand);
    }

    @Test
    void worldReadablePasswordFileIsRefused() throws Exception {
        Path file = home.resolve("pw");
        Files.writeString(file, "LabOperator-2025!\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KerbshellRun.Result run = KerbshellRun.in(home).args("--password-file", file.toString(), "--server",
                "127.0.0.1", "--port", String.valueOf(dc.ldapPort()), "--ca-file", certificate.pem().toString(),
                "--domain", "lab.test", "--user", "operator", "status");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("is readable by every user: run 'chmod 600 " + file + "'"), run::toString);
    }

    @Test
    void wrongPasswordIsOneClearLine() {
        KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "wrong").args(connect("status"));
        assertEquals(3, run.exitCode(), "could not authenticate: " + run);
        assertEquals("error: wrong user name or password for operator@lab.test: check --user and the password "
                + "(KERBSHELL_PASSWORD, --password-file or the prompt)", run.stderr().strip());
    }

    @Test
    void disabledAccountIsNamedAsSuch() throws Exception {
        dc.system().modify("CN=alice,CN=Users," + LabDirectory.BASE_DN,
                new com.unboundid.ldap.sdk.Modification(com.unboundid.ldap.sdk.ModificationType.REPLACE,
                        "userAccountControl", "66050"));
        try {
            KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "LabAlice-2025!")
                    .args("--server", "127.0.0.1", "--port", String.valueOf(dc.ldapPort()), "--ca-file",
                            certificate.pem().toString(), "--domain", "lab.test", "--user", "alice", "status");
            assertEquals(3, run.exitCode(), run::toString);
            assertTrue(run.stderr().contains("the account is disabled"), run::toString);
        } finally {
            dc.reset();
        }
    }

    @Test
    void noPasswordAndNoTerminalNamesTheThreeWays() {
        KerbshellRun.Result run = KerbshellRun.in(home).args(connect("status"));
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("KERBSHELL_PASSWORD"), run::toString);
        assertTrue(run.stderr().contains("--password-file"), run::toString);
        assertTrue(run.stderr().contains("--keytab"), run::toString);
    }

    @Test
    void unreachableServerAndUnknownHostAreOneLineEach() {
        KerbshellRun.Result down = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "x")
                .args("--server", "127.0.0.1", "--port", "1", "--tls", "starttls", "--domain", "lab.test",
                        "--user", "operator", "status");
        assertEquals(3, down.exitCode(), down::toString);
        assertTrue(down.stderr().startsWith("error: cannot reach 127.0.0.1:1"), down::toString);
        assertEquals(1, down.stderr().strip().lines().count(), down::toString);

        KerbshellRun.Result unknown = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "x")
                .args("--server", "no-such-dc.invalid", "--domain", "lab.test", "--user", "operator", "status");
        assertEquals(3, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().startsWith("error: unknown server no-such-dc.invalid"), unknown::toString);
    }

    @Test
    void commandBeforeConnectOnAClosedSession() {
        KerbshellRun.Result run = KerbshellRun.in(home).stdin("disconnect\nstatus\n").args();
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("not connected: run 'connect --server DC --domain DOMAIN --user USER', "
                + "or 'lab start' for the built-in lab"), run::toString);
    }

    @Test
    void profilesSaveAndReuseSettingsButNeverThePassword() throws Exception {
        KerbshellRun.Result saved = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "LabOperator-2025!")
                .args(connect("profile", "save", "labdc"));
        assertEquals(0, saved.exitCode(), saved::toString);
        String config = Files.readString(home.resolve("config/config.yaml"));
        assertTrue(config.contains("server: 127.0.0.1"), config);
        assertFalse(config.contains("LabOperator-2025!"), config);

        KerbshellRun.Result used = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "LabOperator-2025!")
                .args("--profile", "labdc", "status", "--json");
        assertEquals(0, used.exitCode(), used::toString);
        assertTrue(used.stdout().contains("\"boundIdentity\":\"operator (user)\""), used::toString);

        KerbshellRun.Result listed = KerbshellRun.in(home).args("profile", "list");
        assertTrue(listed.stdout().contains("labdc"), listed::toString);

        KerbshellRun.Result missing = KerbshellRun.in(home).args("--profile", "nope", "status");
        assertEquals(2, missing.exitCode(), missing::toString);
    }

    @Test
    void aPasswordKeyInTheConfigFileIsRefused() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/config.yaml"), "profiles:\n  corp:\n    server: dc1\n    password: x\n");
        KerbshellRun.Result run = KerbshellRun.in(home).args("--profile", "corp", "status");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("a profile never holds a password"), run::toString);
    }
}
