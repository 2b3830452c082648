package kerbshell.rules;

import kerbshell.account.AccountSnapshot;
import kerbshell.account.Rbcd;
import kerbshell.directory.Ad;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Replica, storage and Windows Admin Center rules, row by row, without a directory. */
class BeyondPairRulesTest {
    private static final String REPLICA = "Hyper-V Replica Service";
    private static final Set<String> CIFS_MAPPED = Set.of("cifs", "http");
    private static final RuleContext REMOTE = RuleContext.of(Move.DEFAULT, Accounts.DOMAIN);
    private static final RuleContext ON_SOURCE = RuleContext.of(new Move(Move.Kind.VM_AND_STORAGE,
            Move.Start.ON_SOURCE), Accounts.DOMAIN);

    static Stream<Arguments> replicaRows() {
        AccountSnapshot hv02 = Accounts.host("HV02").build();
        AccountSnapshot bare = Accounts.host("HV02").withoutSpn(REPLICA + "/hv02.corp.test").build();
        AccountSnapshot broker = Accounts.host("HVR").withoutSpn(REPLICA + "/HVR")
                .withoutSpn(REPLICA + "/hvr.corp.test").build();
        AccountSnapshot thief = Accounts.host("HV03").spn(REPLICA + "/HV02").build();
        return Stream.of(
                Arguments.of("both forms held", hv02, false, List.of(hv02), List.of()),
                Arguments.of("FQDN form missing", bare, false, List.of(bare), List.of("replica-spn-missing")),
                Arguments.of("Broker without its SPNs", broker, true, List.of(broker),
                        List.of("replica-spn-missing", "replica-spn-missing")),
                Arguments.of("short form held twice", hv02, false, List.of(hv02, thief), List.of("spn-duplicate")));
    }

    @ParameterizedTest(name = "replica: {0}")
    @MethodSource("replicaRows")
    void replicaServer(String name, AccountSnapshot server, boolean broker, List<AccountSnapshot> forest,
                       List<String> blockers) {
        List<CheckFinding> findings = RuleBook.replicaServer(server, broker,
                RuleBookTest.facts(CIFS_MAPPED, forest.toArray(AccountSnapshot[]::new)));
        assertEquals(blockers, findings.stream().filter(CheckFinding::blocks).map(CheckFinding::rule).toList(), name);
        if (broker) {
            assertEquals(List.of("spn add HVR \"Hyper-V Replica Service/HVR\""), findings.get(0).fix(),
                    "a Broker gets its Replica SPN only, not the migration ones");
        }
    }

    @org.junit.jupiter.api.Test
    void replicaNamesAndTheEncryptionNote() {
        AccountSnapshot hv02 = Accounts.host("HV02").build();
        assertEquals("replica-dns", RuleBook.replicaName(hv02, Optional.of(List.of("10.0.0.2"))).rule());
        CheckFinding unresolved = RuleBook.replicaName(hv02, Optional.empty());
        assertEquals("replica-dns-unresolved", unresolved.rule());
        assertEquals(kerbshell.rules.Severity.WARNING, unresolved.severity(), "seen from here, not from the primary");
        assertEquals("replica-not-encrypted", RuleBook.replicaNotEncrypted("HV01", "HV02").rule());
    }

    static Stream<Arguments> storageRows() {
        AccountSnapshot fs = Accounts.host("FS01").build();
        Accounts plain = Accounts.host("HV01");
        int pt = Ad.UAC_WORKSTATION_TRUST_ACCOUNT | Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION;
        AccountSnapshot hv01 = plain.build();
        AccountSnapshot rbcdFs = Accounts.host("FS01").rbcd(Rbcd.allowing(hv01.sid())).build();
        return Stream.of(
                Arguments.of("nothing", hv01, fs, REMOTE, "storage-delegation-none"),
                Arguments.of("RBCD on the file server", hv01, rbcdFs, REMOTE, null),
                Arguments.of("constrained with protocol transition", Accounts.host("HV01").flags(pt)
                        .delegatesTo("cifs/FS01", "cifs/fs01.corp.test").build(), fs, REMOTE, null),
                Arguments.of("constrained, Kerberos only, remote", Accounts.host("HV01")
                        .delegatesTo("cifs/FS01", "cifs/fs01.corp.test").build(), fs, REMOTE, "storage-kerberos-only"),
                Arguments.of("constrained, Kerberos only, on the host", Accounts.host("HV01")
                        .delegatesTo("cifs/FS01", "cifs/fs01.corp.test").build(), fs, ON_SOURCE, null),
                Arguments.of("Kerberos only on 2012 R2", Accounts.host("HV01").release("Windows Server 2012 R2 "
                        + "Datacenter", "6.3 (9600)").delegatesTo("cifs/FS01", "cifs/fs01.corp.test").build(), fs,
                        REMOTE, null),
                Arguments.of("one name form", Accounts.host("HV01").flags(pt).delegatesTo("cifs/FS01").build(), fs,
                        REMOTE, "storage-delegation-missing"),
                Arguments.of("unconstrained", Accounts.host("HV01").flags(Ad.UAC_WORKSTATION_TRUST_ACCOUNT
                        | Ad.UAC_TRUSTED_FOR_DELEGATION).build(), fs, REMOTE, null));
    }

    @ParameterizedTest(name = "storage: {0}")
    @MethodSource("storageRows")
    void storageDelegation(String name, AccountSnapshot host, AccountSnapshot server, RuleContext context,
                           String blocker) {
        List<CheckFinding> findings = RuleBook.storageDelegation(host, server, context);
        assertEquals(blocker == null ? List.of() : List.of(blocker), findings.stream().filter(CheckFinding::blocks)
                .map(CheckFinding::rule).toList(), name + ": " + findings);
        if ("storage-delegation-none".equals(blocker)) {
            assertEquals("delegate rbcd FS01 --allow HV01", findings.get(0).fix().get(0), "Enable-SmbDelegation's way");
        }
    }

    @org.junit.jupiter.api.Test
    void theFileServersCifsIsHeldOnceDirectlyOrThroughHost() {
        AccountSnapshot fs = Accounts.host("FS01").build();
        assertEquals(List.of(), blockers(RuleBook.storageServer(fs, RuleBookTest.facts(CIFS_MAPPED, fs))));
        AccountSnapshot noHost = Accounts.host("FS01").withoutSpn("HOST/fs01.corp.test").build();
        List<CheckFinding> missing = RuleBook.storageServer(noHost, RuleBookTest.facts(CIFS_MAPPED, noHost));
        assertEquals(List.of("storage-cifs-spn-missing"), blockers(missing));
        assertEquals(List.of("spn add FS01 \"HOST/fs01.corp.test\""), missing.stream().filter(CheckFinding::blocks)
                .findFirst().orElseThrow().fix());
        AccountSnapshot shadow = Accounts.host("SQL01").spn("cifs/fs01.corp.test").build();
        assertEquals(List.of("spn-other-holder"), blockers(RuleBook.storageServer(fs,
                RuleBookTest.facts(CIFS_MAPPED, fs, shadow))), "an explicit cifs/ elsewhere wins over HOST/");
        assertEquals(List.of("storage-cifs-spn-missing", "storage-cifs-spn-missing"), blockers(RuleBook
                .storageServer(fs, RuleBookTest.facts(Set.of(), fs))), "sPNMappings without cifs");
    }

    @org.junit.jupiter.api.Test
    void theGatewayNeedsRbcdOnEachNode() {
        AccountSnapshot gateway = Accounts.host("WAC1").build();
        AccountSnapshot node = Accounts.host("HV01").build();
        CheckFinding missing = RuleBook.wacGateway(gateway, node);
        assertEquals("wac-rbcd-missing", missing.rule());
        assertEquals("delegate rbcd HV01 --allow WAC1", missing.fix().get(0));
        AccountSnapshot allowing = Accounts.host("HV01").rbcd(Rbcd.allowing(gateway.sid())).build();
        assertEquals("wac-rbcd", RuleBook.wacGateway(gateway, allowing).rule());
        AccountSnapshot denying = Accounts.host("HV01").rbcd(Rbcd.allowing("S-1-5-21-9-9-9-1")).build();
        assertEquals("wac-rbcd-missing", RuleBook.wacGateway(gateway, denying).rule(), "another account allowed");
    }

    private static List<String> blockers(List<CheckFinding> findings) {
        return findings.stream().filter(CheckFinding::blocks).map(CheckFinding::rule).toList();
    }
}
