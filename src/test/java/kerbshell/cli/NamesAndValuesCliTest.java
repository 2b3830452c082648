package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names and values as the shell passes them on, on the lab: a quoted word is one value whatever it holds, and
 * a name or DN that does not mean a local account of the right kind changes nothing.
 */
class NamesAndValuesCliTest {
    @TempDir
    Path home;

    @Test
    void aQuotedArgumentIsOneValueNeverTwo() {
        KerbshellRun.Result run = KerbshellRun.in(home).stdin("spn add HV01 \"http/a.lab.test,http/b.lab.test\"\n"
                + "spn list HV01\n").args("--keep-going");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("error: 'http/a.lab.test,http/b.lab.test' is not an SPN: its host "
                + "'a.lab.test,http' is not a host name"), run::toString);
        assertFalse(run.stdout().contains("http/a.lab.test"), "nothing was added: " + run);

        KerbshellRun.Result two = KerbshellRun.in(home).args("spn", "add", "HV01", "http/a.lab.test",
                "http/b.lab.test", "--dry-run");
        assertEquals(0, two.exitCode(), two::toString);
        assertTrue(two.stdout().contains("http/a.lab.test") && two.stdout().contains("http/b.lab.test"),
                two::toString);
    }

    @Test
    void aDomainPartOrAContainerChangesNothing() {
        KerbshellRun.Result sensitive = KerbshellRun.in(home).args("account", "sensitive", "EVIL\\alice");
        assertEquals(1, sensitive.exitCode(), sensitive::toString);
        assertEquals("error: EVIL\\alice names domain EVIL, which is not a domain of this forest (LAB (lab.test)): "
                + "check the domain part", sensitive.stderr().strip());

        KerbshellRun.Result member = KerbshellRun.in(home).args("group", "add-member", "Domain Admins",
                "CN=Users,DC=lab,DC=test");
        assertEquals(1, member.exitCode(), member::toString);
        assertEquals("error: CN=Users,DC=lab,DC=test is a container, not an account (user, computer or group): "
                + "give the DN or name of a user, computer or group", member.stderr().strip());
        assertFalse(member.stdout().contains("added"), member::toString);

        KerbshellRun.Result disable = KerbshellRun.in(home).args("account", "disable", "CN=Users,DC=lab,DC=test");
        assertEquals(1, disable.exitCode(), disable::toString);
        assertFalse(disable.stdout().contains("userAccountControl"), disable::toString);
    }
}
