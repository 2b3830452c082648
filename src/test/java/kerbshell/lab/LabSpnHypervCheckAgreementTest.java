package kerbshell.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import kerbshell.diagnosis.CheckService;
import kerbshell.diagnosis.Diagnosis;
import kerbshell.diagnosis.HyperVSpnReport;
import kerbshell.diagnosis.HyperVSpnService;
import kerbshell.directory.Ad;
import kerbshell.error.ExitStatus;
import kerbshell.output.Json;
import kerbshell.rules.CheckFinding;
import kerbshell.rules.SpnFacts;
import kerbshell.testbed.LabFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * spn hyperv and check host agree, SPN state by SPN state: on the lab, each row puts one SPN a move to HV02 needs
 * into one state the way a directory gets there (removed, registered on HV03 instead or as well, shadowed by an
 * explicit cifs/ on HV03, cifs/ unmapped in sPNMappings), then asks both commands. spn hyperv shows the state the
 * row made, and the findings it shows beside its SPNs are exactly check host's SPN findings.
 */
class LabSpnHypervCheckAgreementTest {
    private static final String HV02 = "CN=HV02,CN=Computers,DC=lab,DC=test";
    private static final String HV03 = "CN=HV03,CN=Computers,DC=lab,DC=test";
    private static final String DIRECTORY_SERVICE = "CN=Directory Service,CN=Windows NT,CN=Services,"
            + LabDirectory.CONFIGURATION_DN;
    private static final List<String> HYPER_V = List.of("Microsoft Virtual System Migration Service",
            "Microsoft Virtual Console Service", "Hyper-V Replica Service");
    @RegisterExtension
    static final LabFixture LAB = LabFixture.perClass();

    /** How a row changes the SPN: what the directory then holds. */
    enum Change { NONE, REMOVED, ON_HV03_INSTEAD, ALSO_ON_HV03, EXPLICIT_ON_BOTH, SHADOWED_BY_HV03, UNMAPPED }

    static Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        for (String name : List.of("HV02", "hv02.lab.test")) {
            for (String serviceClass : HYPER_V) {
                for (Change change : List.of(Change.NONE, Change.REMOVED, Change.ON_HV03_INSTEAD, Change.ALSO_ON_HV03)) {
                    rows.add(Arguments.of(serviceClass + "/" + name, change));
                }
            }
            for (Change change : List.of(Change.REMOVED, Change.ON_HV03_INSTEAD, Change.ALSO_ON_HV03)) {
                rows.add(Arguments.of("HOST/" + name, change));
            }
            for (Change change : List.of(Change.NONE, Change.EXPLICIT_ON_BOTH, Change.SHADOWED_BY_HV03,
                    Change.UNMAPPED)) {
                rows.add(Arguments.of("cifs/" + name, change));
            }
        }
        return rows.stream();
    }

    /** The state the row leaves the SPN in, seen from HV02: written out, not computed by the code under test. */
    static SpnFacts.State expected(String spn, Change change) {
        boolean cifs = spn.startsWith("cifs/");
        return switch (change) {
            case NONE -> cifs ? SpnFacts.State.COVERED : SpnFacts.State.HELD;
            case REMOVED, UNMAPPED -> SpnFacts.State.MISSING;
            case ON_HV03_INSTEAD -> SpnFacts.State.ELSEWHERE;
            case ALSO_ON_HV03, EXPLICIT_ON_BOTH -> SpnFacts.State.DUPLICATE;
            case SHADOWED_BY_HV03 -> SpnFacts.State.SHADOWED;
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rows")
    void spnHypervShowsCheckHostsVerdictOnEverySpn(String spn, Change change) throws Exception {
        LAB.lab().reset();
        switch (change) {
            case NONE -> { }
            case REMOVED -> modify(HV02, ModificationType.DELETE, Ad.SERVICE_PRINCIPAL_NAME, spn);
            case ON_HV03_INSTEAD -> {
                modify(HV02, ModificationType.DELETE, Ad.SERVICE_PRINCIPAL_NAME, spn);
                modify(HV03, ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME, spn);
            }
            case ALSO_ON_HV03 -> modify(HV03, ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME, spn);
            case EXPLICIT_ON_BOTH -> {
                modify(HV02, ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME, spn);
                modify(HV03, ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME, spn);
            }
            case SHADOWED_BY_HV03 -> modify(HV03, ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME, spn);
            case UNMAPPED -> modify(DIRECTORY_SERVICE, ModificationType.REPLACE, Ad.SPN_MAPPINGS, "host=alerter,http");
        }

        HyperVSpnReport hyperv = new HyperVSpnService(LAB.session()).hyperv("HV02", false, false);
        Diagnosis check = new CheckService(LAB.session()).host("HV02");

        HyperVSpnReport.Entry entry = hyperv.spns().stream().filter(e -> e.spn().equalsIgnoreCase(spn)).findFirst()
                .orElseThrow(() -> new AssertionError("spn hyperv does not list " + spn + ": " + hyperv.spns()));
        assertEquals(expected(spn, change), entry.state(), entry.toString());
        List<CheckFinding> shown = hyperv.spns().stream().map(HyperVSpnReport.Entry::finding)
                .filter(java.util.Objects::nonNull).toList();
        List<CheckFinding> checked = check.findings().stream().filter(f -> f.rule().startsWith("spn-")).toList();
        assertEquals(checked, shown, "spn hyperv shows check host's SPN findings, no more, no fewer");
        if (!entry.fine()) {
            String hostOfName = "HOST/" + spn.substring(spn.indexOf('/') + 1);
            CheckFinding reported = entry.finding() != null ? entry.finding() : hyperv.spns().stream()
                    .filter(e -> e.spn().equalsIgnoreCase(hostOfName)).findFirst().orElseThrow().finding();
            assertTrue(reported != null && check.findings().contains(reported), spn + " " + change
                    + ": check host reports it, through the SPN itself or the HOST/ it is judged by: " + check);
        }
        assertEquals(hyperv.spns().stream().allMatch(HyperVSpnReport.Entry::fine) ? ExitStatus.OK
                : ExitStatus.PROBLEM, hyperv.exitStatus());
        assertEquals(check.judged(), hyperv.judged(), "both say which move they judged");

        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(hyperv));
        JsonNode row = null;
        for (JsonNode node : json.get("spns")) {
            if (node.get("spn").asText().equalsIgnoreCase(spn)) {
                row = node;
            }
        }
        assertTrue(row != null, json::toPrettyString);
        assertEquals(entry.state().name(), row.get("state").asText(), "--json carries the verdict");
        if (entry.state() == SpnFacts.State.DUPLICATE) {
            assertEquals(2, row.get("holders").size(), "a duplicate names every holder: " + row);
            assertEquals(entry.finding() == null ? null : entry.finding().rule(),
                    row.get("finding").isNull() ? null : row.get("finding").get("rule").asText());
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
