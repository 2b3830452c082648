package kerbshell.diagnosis;

import kerbshell.account.AccountService;
import kerbshell.delegation.DelegatedService;
import kerbshell.delegation.DelegationService;
import kerbshell.rules.Severity;
import kerbshell.spn.SpnTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check cluster by names, --group and --ou, and check user, on the lab. */
class LabClusterCheckTest {
    private static SpnTarget lab;

    @BeforeAll
    static void start() {
        lab = SpnTarget.lab();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private CheckService check() {
        return new CheckService(lab.admin());
    }

    @Test
    void clusterByGroupAndByOuFindsTheHostsAndJudgesEveryOrderedPair() {
        ClusterDiagnosis byGroup = check().cluster(List.of(), "Domain Computers", null, "operator");
        assertEquals(List.of("HV01", "HV02", "HV03"), byGroup.hosts());
        assertEquals(6, byGroup.pairs().size());
        assertTrue(byGroup.pairs().stream().allMatch(c -> c.worst() == Severity.BLOCKER), "no delegation yet");

        new DelegationService(lab.admin()).pair("HV01", "HV02", DelegatedService.parse("migration,cifs"), false, false);
        ClusterDiagnosis byOu = check().cluster(List.of(), null, "CN=Computers,DC=lab,DC=test", "operator");
        assertEquals(List.of("HV01", "HV02", "HV03"), byOu.hosts());
        List<String> open = byOu.pairs().stream().filter(c -> c.worst() != Severity.BLOCKER)
                .map(c -> c.source() + "->" + c.destination()).toList();
        assertEquals(List.of("HV01->HV02", "HV02->HV01"), open, "only the delegated pair is open");
        new DelegationService(lab.admin()).untrust("HV01", null, null, true, false, false);
        new DelegationService(lab.admin()).untrust("HV02", null, null, true, false, false);
    }

    @Test
    void checkUserNamesWhyAnAccountCannotBeDelegated() {
        assertEquals(0, check().user("operator").blockers());
        new AccountService(lab.admin()).makeSensitive("operator", false);
        try {
            Diagnosis sensitive = check().user("operator");
            assertEquals(1, sensitive.blockers());
            assertEquals(List.of("account delegable operator"), sensitive.fixPlan());
        } finally {
            new AccountService(lab.admin()).makeDelegable("operator", false);
        }
    }
}
