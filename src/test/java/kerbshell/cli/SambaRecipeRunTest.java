package kerbshell.cli;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import kerbshell.testbed.SambaDatabase;
import kerbshell.testbed.SambaTestBed;
import kerbshell.testbed.SambaTool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped recipe against the Samba AD DC: it runs, its verify steps pass, and undo --run last leaves the
 * shared test bed as it was (the next line checks that the recipe's changes are gone).
 */
@Tag("samba")
class SambaRecipeRunTest {
    @TempDir
    Path home;

    private final SambaTestBed bed = SambaTestBed.get();

    private KerbshellRun.Result run(String... lines) {
        return KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.adminPassword())
                .stdin(String.join("\n", lines)).args(SambaLaunch.as(bed, bed.adminUser()).then("--keep-going"));
    }

    private static void assertVerified(KerbshellRun.Result run, String recipe) {
        assertTrue(run.stdout().contains("recipe " + recipe + " (run run-"), run::toString);
        assertTrue(run.stdout().contains("verify passed"), run::toString);
    }

    @Test
    void liveMigrationPairVerifiesAndUndoes() {
        KerbshellRun.Result result = run(
                "recipe run hyperv-live-migration-pair --param source=HV01 --param destination=HV02 --yes",
                "recipe run hyperv-live-migration-pair --param source=HV01 --param destination=HV02 --dry-run",
                "undo --run last",
                "delegate show HV01");
        assertVerified(result, "hyperv-live-migration-pair");
        assertTrue(result.stdout().contains("dry run, 0 change(s) planned"), "a fixed pair needs nothing: " + result);
        assertTrue(result.stdout().contains("undid recipe run run-"), result::toString);
        assertTrue(result.stdout().contains("msDS-AllowedToDelegateTo is empty"),
                "the undo took the delegation back: " + result);
    }

    @Test
    void replicaPairVerifiesAndUndoes() {
        KerbshellRun.Result result = run("recipe run hyperv-replica-pair --param source=HV01 --param destination=HV02 --yes",
                "undo --run last");
        assertVerified(result, "hyperv-replica-pair");
        assertEquals(0, result.exitCode(), result::toString);
    }

    @Test
    void seedBlogFixVerifiesAndUndoes() {
        KerbshellRun.Result result = run("recipe run seed-blog-fix --param source=HV01 --param destination=HV02 --yes",
                "undo --run last");
        assertVerified(result, "seed-blog-fix");
        assertEquals(0, result.exitCode(), result::toString);
    }

    /** On Samba a cifs/ SPN on the wrong host is accepted, and shadows the right host's HOST/ SPN. */
    @Test
    void moveDuplicateSpnMovesAShadowingCifsSpnToItsOwner() {
        String spn = "cifs/hv02." + bed.domain();
        KerbshellRun.Result result = run("spn add HV01 " + spn + " --force",
                "check host HV02",
                "recipe run move-duplicate-spn --param spn=" + spn + " --param source=HV01 --param destination=HV02 --yes",
                "undo --run last",
                "spn remove HV01 " + spn);
        assertTrue(result.stdout().contains(spn + " is registered on HV01$, which shadows this host's HOST/ SPN"),
                result::toString);
        assertVerified(result, "move-duplicate-spn");
    }

    /**
     * A true duplicate, written into the DC's database past its uniqueness check: Samba refuses the value-level
     * delete, so the recipe's remove step rewrites HV01's set in one modify, and the verify step passes.
     */
    @Test
    void moveDuplicateSpnRepairsATrueDuplicate() {
        String spn = "HOST/hv02." + bed.domain();
        String hv01 = "CN=HV01,CN=Computers," + bed.baseDn();
        SambaDatabase.addValue(bed, hv01, "servicePrincipalName", spn);
        KerbshellRun.Result result;
        try {
            result = run("spn duplicates",
                    "recipe run move-duplicate-spn --param spn=" + spn + " --param source=HV01 --param destination=HV02 --yes",
                    "spn duplicates");
        } catch (RuntimeException e) {
            SambaDatabase.deleteValue(bed, hv01, "servicePrincipalName", spn);
            throw e;
        }
        assertTrue(result.stdout().toLowerCase().contains(("duplicate: " + spn + " is held by 2 accounts").toLowerCase()),
                result::toString);
        assertTrue(result.stdout().contains("fix: spn remove HV01$ \"" + spn + "\""), result::toString);
        assertVerified(result, "move-duplicate-spn");
        assertTrue(result.stdout().contains("no duplicate or shadowed SPNs found"), result::toString);
    }

    @Test
    void threeNodeMeshVerifiesAndUndoes() throws Exception {
        createHv03();
        try {
            KerbshellRun.Result result = run(
                    "recipe run cluster-mesh --param nodes=HV01,HV02,HV03 --yes",
                    "undo --run last");
            assertVerified(result, "cluster-mesh");
            assertEquals(0, result.exitCode(), result::toString);
        } finally {
            SambaTool.run(bed, "computer", "delete", "HV03");
        }
    }

    /** Two clusters (HV01 | HV02,HV03): the mesh between them, verified by check clusters, then undone. */
    @Test
    void clustersMeshVerifiesAndUndoes() throws Exception {
        createHv03();
        try {
            KerbshellRun.Result result = run("check clusters HV01 HV02,HV03",
                    "recipe run clusters-mesh --param source=HV01 --param destination=HV02,HV03 --yes", "undo --run last",
                    "check clusters HV01 HV02,HV03");
            assertVerified(result, "clusters-mesh");
            assertEquals(2, result.stdout().split("4 of 4 ordered pairs are blocked by their delegation", -1).length
                    - 1, "blocked before the recipe and after its undo: " + result);
        } finally {
            SambaTool.run(bed, "computer", "delete", "HV03");
        }
    }

    /** A third host with keys, as joined hosts have them. */
    private void createHv03() throws Exception {
        SambaTool.run(bed, "computer", "create", "HV03");
        SambaTool.run(bed, "user", "setpassword", "HV03$", "--newpassword=Kerbshell.Machine3-2024");
        SambaTool.run(bed, "user", "enable", "HV03$");
        try (LDAPConnection admin = new LDAPConnection(new SSLUtil(new PEMFileTrustManager(bed.caFile().toFile()))
                .createSSLSocketFactory(), bed.dcIp(), bed.ldapsPort(), bed.adminDn(), bed.adminPassword())) {
            admin.modify("CN=HV03,CN=Computers," + bed.baseDn(),
                    new Modification(ModificationType.REPLACE, "dNSHostName", "hv03." + bed.domain()),
                    new Modification(ModificationType.REPLACE, "msDS-SupportedEncryptionTypes", "24"),
                    new Modification(ModificationType.REPLACE, "operatingSystem", "Windows Server 2022 Datacenter"),
                    new Modification(ModificationType.REPLACE, "operatingSystemVersion", "10.0 (20348)"),
                    new Modification(ModificationType.ADD, "servicePrincipalName", "HOST/HV03", "HOST/hv03." + bed.domain()));
        }
    }
}
