package kerbshell.lab;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import kerbshell.account.AccountService;
import kerbshell.delegation.DelegatedService;
import kerbshell.delegation.DelegationService;
import kerbshell.delegation.RbcdService;
import kerbshell.diagnosis.CheckService;
import kerbshell.diagnosis.Diagnosis;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.rules.CheckFinding;
import kerbshell.rules.Move;
import kerbshell.rules.Severity;
import kerbshell.testbed.LabFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * check pair and lab migrate agree, row by row: on the lab, from a working pair, each row breaks (or changes) one
 * thing; for every move kind, check pair blocks exactly when a lab migrate in one of the two directions fails,
 * and a direction check pair blocks is one lab migrate fails. lab migrate's ticket steps are decided by the lab
 * KDC for real, the rest by the same rule book.
 */
class LabCheckMigrateAgreementTest {
    private static final String HV01 = "CN=HV01,CN=Computers,DC=lab,DC=test";
    private static final String HV02 = "CN=HV02,CN=Computers,DC=lab,DC=test";
    private static final String HV03 = "CN=HV03,CN=Computers,DC=lab,DC=test";
    private static final String MIG = "Microsoft Virtual System Migration Service";
    @RegisterExtension
    static final LabFixture LAB = LabFixture.perClass();

    /** One row: its name, the change from a working pair, and whether the default move (VM and storage) blocks. */
    record Row(String name, Consumer<DirectorySession> change, boolean blocksDefaultMove) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Row> rows() {
        return List.of(
                new Row("healthy pair", s -> { }, false),
                new Row("no delegation", s -> {
                    delegation(s).untrust("HV01", null, null, true, false, false);
                    delegation(s).untrust("HV02", null, null, true, false, false);
                }, true),
                new Row("one direction", s -> delegation(s).untrust("HV02", null, null, true, false, false), true),
                new Row("Kerberos only on 2022", s -> delegation(s).pair("HV01", "HV02", services("migration,cifs"),
                        true, false), true),
                new Row("Kerberos only on 2012 R2", s -> {
                    release(HV01, "Windows Server 2012 R2 Datacenter", "6.3 (9600)");
                    release(HV02, "Windows Server 2012 R2 Datacenter", "6.3 (9600)");
                    delegation(s).pair("HV01", "HV02", services("migration,cifs"), true, false);
                }, false),
                new Row("migration only", s -> delegation(s).untrust("HV01", "HV02", services("cifs"), false, false,
                        false), true),
                new Row("cifs only", s -> delegation(s).untrust("HV01", "HV02", services("migration"), false, false,
                        false), true),
                new Row("short-name-only delegation", s -> modify(HV01, ModificationType.DELETE,
                        Ad.ALLOWED_TO_DELEGATE_TO, MIG + "/hv02.lab.test", "cifs/hv02.lab.test"), true),
                new Row("DNS-name-only delegation", s -> modify(HV01, ModificationType.DELETE,
                        Ad.ALLOWED_TO_DELEGATE_TO, MIG + "/HV02", "cifs/HV02"), true),
                new Row("resource-based delegation instead", s -> {
                    delegation(s).untrust("HV01", null, null, true, false, false);
                    new RbcdService(s).allow("HV02", "HV01", false);
                }, false),
                new Row("unconstrained instead on 2022", s -> {
                    delegation(s).untrust("HV01", null, null, true, false, false);
                    uac(HV01, Ad.UAC_TRUSTED_FOR_DELEGATION);
                }, false),
                new Row("unconstrained instead on 2025", s -> {
                    delegation(s).untrust("HV01", null, null, true, false, false);
                    uac(HV01, Ad.UAC_TRUSTED_FOR_DELEGATION);
                    release(HV01, "Windows Server 2025 Datacenter", "10.0 (26100)");
                }, true),
                new Row("operator sensitive", s -> new AccountService(s).makeSensitive("operator", false), true),
                new Row("operator disabled", s -> new AccountService(s).disable("operator", false), true),
                new Row("operator in Protected Users", s -> new AccountService(s).addToGroup("Protected Users",
                        "operator", false), true),
                new Row("operator in Protected Users through a group", s -> new AccountService(s)
                        .addToGroup("Protected Users", "Hyper-V Operators", false), true),
                new Row("destination disabled", s -> new AccountService(s).disable("HV02", false), true),
                new Row("migration SPN missing (DNS form)", s -> modify(HV02, ModificationType.DELETE,
                        Ad.SERVICE_PRINCIPAL_NAME, MIG + "/hv02.lab.test"), true),
                new Row("migration SPN missing (short form)", s -> modify(HV02, ModificationType.DELETE,
                        Ad.SERVICE_PRINCIPAL_NAME, MIG + "/HV02"), true),
                new Row("migration SPN duplicated on HV01", s -> modify(HV01, ModificationType.ADD,
                        Ad.SERVICE_PRINCIPAL_NAME, MIG + "/hv02.lab.test"), true),
                new Row("HOST/ duplicated on HV03 (a clone)", s -> modify(HV03, ModificationType.ADD,
                        Ad.SERVICE_PRINCIPAL_NAME, "HOST/hv02.lab.test"), true),
                new Row("cifs/ shadowed by HV03", s -> modify(HV03, ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME,
                        "cifs/hv02.lab.test"), true),
                new Row("destination without dNSHostName", s -> modify(HV02, ModificationType.DELETE,
                        Ad.DNS_HOST_NAME), true),
                new Row("destination RC4 only (a warning)", s -> new AccountService(s).setEncryptionTypes("HV02", "rc4",
                        false), false),
                // More SPNs to look up than one search asks for: a host's SPNs then come back in several batches.
                new Row("source delegating to 60 SPNs nobody holds (a warning)", s -> modify(HV01, ModificationType.ADD,
                        Ad.ALLOWED_TO_DELEGATE_TO, java.util.stream.IntStream.range(0, 60)
                                .mapToObj(i -> "http/gone" + i + ".lab.test").toArray(String[]::new)), false),
                new Row("destination in Protected Users (a warning)", s -> new AccountService(s)
                        .addToGroup("Protected Users", "HV02", false), false));
    }

    static Stream<Arguments> rowsAndMoves() {
        List<Arguments> all = new ArrayList<>();
        for (Row row : rows()) {
            for (Move.Kind kind : Move.Kind.values()) {
                for (Move.Start start : Move.Start.values()) {
                    all.add(Arguments.of(row, new Move(kind, start)));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("rowsAndMoves")
    void checkPairAndLabMigrateAgree(Row row, Move move) {
        LabDomain lab = LAB.lab();
        DirectorySession session = LAB.session();
        lab.reset();
        delegation(session).pair("HV01", "HV02", services("migration,cifs"), false, false);
        row.change().accept(session);
        lab.restartAllHosts();

        Diagnosis check = new CheckService(session).pair("HV01", "HV02", "operator", null,
                new CheckService.Request(move, false));
        LabMigration migration = new LabMigration(session, name -> lab.logOn(session, name), lab::cachedView);
        boolean storage = move.storage();
        boolean onSource = move.start() == Move.Start.ON_SOURCE;
        MigrationReport there = migration.simulate(new LabMigration.Request("HV01", "HV02", "operator", "VM1",
                onSource, storage));
        MigrationReport back = migration.simulate(new LabMigration.Request("HV02", "HV01", "operator", "VM1",
                onSource, storage));

        boolean checkBlocks = check.blockers() > 0;
        boolean migrationFails = !there.authenticated() || !back.authenticated();
        assertEquals(checkBlocks, migrationFails, row + ", " + move.describe() + ": check pair says "
                + blockers(check) + "; lab migrate HV01->HV02 " + (there.authenticated() ? "authenticated" : "failed: "
                + there.steps()) + "; HV02->HV01 " + (back.authenticated() ? "authenticated" : "failed: "
                + back.steps()));
        for (String[] direction : new String[][]{{"HV01 -> HV02", "there"}, {"HV02 -> HV01", "back"}}) {
            boolean blocked = check.sections().stream().filter(s -> s.title().equals(direction[0]))
                    .flatMap(s -> s.findings().stream()).anyMatch(CheckFinding::blocks);
            MigrationReport report = direction[1].equals("there") ? there : back;
            assertTrue(!blocked || !report.authenticated(), row + ": check pair blocks " + direction[0]
                    + " but lab migrate authenticates it");
        }
        if (move.equals(Move.DEFAULT)) {
            assertEquals(row.blocksDefaultMove(), checkBlocks, row + ": " + blockers(check));
        }
        assertEquals(move.describe(), check.judged(), "check pair says which move it judged");
        assertEquals(move.describe(), there.judged(), "lab migrate says which move it judged");
    }

    private static List<String> blockers(Diagnosis diagnosis) {
        return diagnosis.findings().stream().filter(f -> f.severity() == Severity.BLOCKER)
                .map(CheckFinding::problem).toList();
    }

    private static DelegationService delegation(DirectorySession s) {
        return new DelegationService(s);
    }

    private static List<DelegatedService> services(String list) {
        return DelegatedService.parse(list);
    }

    private static void release(String dn, String os, String version) {
        modify(dn, ModificationType.REPLACE, Ad.OPERATING_SYSTEM, os);
        modify(dn, ModificationType.REPLACE, Ad.OPERATING_SYSTEM_VERSION, version);
    }

    private static void uac(String dn, int bits) {
        try {
            Integer uac = LAB.lab().directory().system().getEntry(dn, Ad.USER_ACCOUNT_CONTROL)
                    .getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
            modify(dn, ModificationType.REPLACE, Ad.USER_ACCOUNT_CONTROL, Integer.toString(uac | bits));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes as the system, past the lab's rules: what a restore, a clone or an old DC leaves behind. */
    private static void modify(String dn, ModificationType type, String attribute, String... values) {
        try {
            LAB.lab().directory().system().modify(dn, new Modification(type, attribute, values));
        } catch (LDAPException e) {
            throw new IllegalStateException("setting up the row: " + e.getMessage(), e);
        }
    }
}
