package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --as powershell|setspn|ldif on the lab: a dry run and a recipe's plan show the change in that form. */
class ChangeFormsTest {
    @TempDir
    Path home;

    private KerbshellRun.Result run(String... args) {
        return KerbshellRun.in(home).args(args);
    }

    @Test
    void spnAddAsPowerShellAndAsSetspn() {
        KerbshellRun.Result ps = run("spn", "add", "HV01", "HTTP/web.lab.test", "--dry-run", "--as", "powershell");
        assertEquals(0, ps.exitCode(), ps::toString);
        assertTrue(ps.stdout().contains(
                "Set-ADComputer -Identity HV01 -Add @{'servicePrincipalName'='HTTP/web.lab.test'}\n"), ps::toString);
        assertFalse(ps.stdout().contains("changetype: modify"), ps::toString);

        KerbshellRun.Result setspn = run("spn", "add", "HV01", "HTTP/web.lab.test", "--dry-run", "--as", "setspn");
        assertEquals(0, setspn.exitCode(), setspn::toString);
        assertTrue(setspn.stdout().contains("setspn -S \"HTTP/web.lab.test\" HV01\n"), setspn::toString);
    }

    @Test
    void delegateTrustAsPowerShell() {
        KerbshellRun.Result ps = run("delegate", "trust", "HV01", "--to", "HV02", "--services", "cifs", "--dry-run",
                "--as", "powershell");
        assertEquals(0, ps.exitCode(), ps::toString);
        assertTrue(ps.stdout().contains("""
                Set-ADAccountControl -Identity HV01 -TrustedToAuthForDelegation $true
                Set-ADComputer -Identity HV01 -Add @{'msDS-AllowedToDelegateTo'='cifs/HV02','cifs/hv02.lab.test'}
                """), ps::toString);
    }

    @Test
    void aNonSpnChangeAsSetspnSaysSetspnCannotAndShowsPowerShell() {
        KerbshellRun.Result setspn = run("delegate", "trust", "HV01", "--to", "HV02", "--services", "cifs",
                "--dry-run", "--as", "setspn");
        assertEquals(0, setspn.exitCode(), setspn::toString);
        assertTrue(setspn.stdout().contains(
                "# setspn cannot change userAccountControl, msDS-AllowedToDelegateTo; in PowerShell:\n"
                        + "Set-ADAccountControl -Identity HV01 -TrustedToAuthForDelegation $true\n"), setspn::toString);
    }

    @Test
    void byDefaultLdifAndPowerShellSideBySideAndAsLdifOnlyLdif() {
        KerbshellRun.Result both = run("spn", "add", "HV01", "HTTP/web.lab.test", "--dry-run");
        assertTrue(both.stdout().contains("""
                servicePrincipalName: HTTP/web.lab.test
                -
                # in PowerShell (ActiveDirectory module):
                Set-ADComputer -Identity HV01 -Add @{'servicePrincipalName'='HTTP/web.lab.test'}
                """), both::toString);
        KerbshellRun.Result ldif = run("spn", "add", "HV01", "HTTP/web.lab.test", "--dry-run", "--as", "ldif");
        assertTrue(ldif.stdout().contains("changetype: modify"), ldif::toString);
        assertFalse(ldif.stdout().contains("Set-ADComputer"), ldif::toString);
    }

    @Test
    void aRecipePlanShowsThePowerShell() {
        KerbshellRun.Result plan = run("recipe", "run", "hyperv-live-migration-pair", "--param", "source=HV01",
                "--param", "destination=HV02", "--dry-run", "--as", "powershell");
        assertEquals(0, plan.exitCode(), plan::toString);
        assertTrue(plan.stdout().contains("Set-ADAccountControl -Identity HV01 -TrustedToAuthForDelegation $true"),
                plan::toString);
        assertFalse(plan.stdout().contains("changetype: modify"), plan::toString);
    }

    @Test
    void anUnknownFormIsAUsageError() {
        KerbshellRun.Result bad = run("spn", "add", "HV01", "HTTP/web.lab.test", "--dry-run", "--as", "bash");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("--as takes ldif, powershell or setspn, not 'bash'"), bad::toString);
    }
}
