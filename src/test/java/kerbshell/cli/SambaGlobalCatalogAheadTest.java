package kerbshell.cli;

import kerbshell.testbed.SambaTestBed;
import kerbshell.testbed.SambaTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-shot spn duplicates connects the Global Catalog while the DC session opens (GlobalCatalogAhead). Judged by
 * the Samba DC: a wrong password is tried once, not on the catalog too (the account's badPwdCount, under a lockout
 * policy, grows by one), and a catalog that cannot be reached is reported as the shell reports it.
 */
@Tag("samba")
class SambaGlobalCatalogAheadTest {
    private static SambaTestBed bed;

    @TempDir
    Path home;

    @BeforeAll
    static void startBed() {
        bed = SambaTestBed.get();
    }

    @Test
    void aWrongPasswordCountsOnceAgainstTheLockoutPolicy() {
        SambaTool.run(bed, "domain", "passwordsettings", "set", "--account-lockout-threshold=50");
        try {
            int before = badPasswordCount();
            KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "not-alices-password")
                    .args(SambaLaunch.as(bed, bed.env("ALICE_USER")).then("spn", "duplicates"));
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            assertThat(run.stderr()).contains("wrong user name or password");
            assertThat(badPasswordCount()).isEqualTo(before + 1);
        } finally {
            SambaTool.run(bed, "domain", "passwordsettings", "set", "--account-lockout-threshold=0");
            // A good bind sets the count back to 0 for the tests after this one.
            KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.alicePassword())
                    .args(SambaLaunch.as(bed, bed.env("ALICE_USER")).then("status"));
        }
    }

    @Test
    void aCatalogThatCannotBeReachedIsReportedAsTheShellReportsIt() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SambaLaunch launch = SambaLaunch.as(bed, bed.operatorUser()).with("--gc", bed.dcIp() + ":" + closed);
        KerbshellRun.Result direct = operator().args(launch.then("spn", "duplicates"));
        KerbshellRun.Result shell = operator().stdin("spn duplicates\n").args(launch.then());
        assertThat(direct.exitCode()).as(direct.toString()).isEqualTo(3).isEqualTo(shell.exitCode());
        assertThat(direct.stderr()).startsWith("error: cannot open the Global Catalog at " + bed.dcIp() + ":" + closed)
                .isEqualTo(shell.stderr().replaceAll("(?m)^stdin:\\d+: failed.*\\R", ""));
    }

    private KerbshellRun operator() {
        return KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.operatorPassword());
    }

    private static int badPasswordCount() {
        String shown = SambaTool.run(bed, "user", "show", bed.env("ALICE_USER"), "--attributes=badPwdCount");
        Matcher count = Pattern.compile("badPwdCount: (\\d+)").matcher(shown);
        return count.find() ? Integer.parseInt(count.group(1)) : 0;
    }
}
