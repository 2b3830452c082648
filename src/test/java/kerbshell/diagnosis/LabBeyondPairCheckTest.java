package kerbshell.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.cli.KerbshellRun;
import kerbshell.output.Json;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * check replica, check storage and check wac on the lab, as LabCheckMatrixTest does for pairs: from a working
 * setting, break one thing; the check names exactly that cause as its blockers; its fix plan, run as the recipe it
 * writes, makes the check pass again. The lab's extra accounts (a Replica Broker, a file server, a Windows Admin
 * Center gateway) are planted with {@code lab plant computer}.
 */
class LabBeyondPairCheckTest {
    @TempDir
    Path home;

    static Stream<Arguments> breaks() {
        String replica = "check replica HV01 HV02 --broker HVR1";
        String storage = "check storage HV01 //fs01/vms --user operator";
        String wac = "check wac WAC1 HV01 HV02 --user operator";
        List<String> replicaSetup = List.of("lab plant computer HVR1",
                "spn add HVR1 \"Hyper-V Replica Service/HVR1\"", "spn add HVR1 \"Hyper-V Replica Service/hvr1.lab.test\"");
        List<String> storageSetup = List.of("lab plant computer FS01", "delegate rbcd FS01 --allow HV01");
        List<String> wacSetup = List.of("lab plant computer WAC1", "delegate rbcd HV01 --allow WAC1",
                "delegate rbcd HV02 --allow WAC1", "delegate pair HV01 HV02");
        return Stream.of(
                Arguments.of("replica: Broker without its Replica SPNs", List.of("lab plant computer HVR1"), replica,
                        List.of(), List.of("Hyper-V Replica Service/HVR1 is not registered",
                                "Hyper-V Replica Service/hvr1.lab.test is not registered")),
                Arguments.of("replica: the Replica server's SPN missing", replicaSetup, replica,
                        List.of("spn remove HV02 \"Hyper-V Replica Service/hv02.lab.test\""),
                        List.of("Hyper-V Replica Service/hv02.lab.test is not registered")),
                Arguments.of("replica: the primary's SPN on another account", replicaSetup, replica,
                        List.of("lab plant duplicate-spn \"Hyper-V Replica Service/HV01\" --on HV03"),
                        List.of("Hyper-V Replica Service/HV01 is also held by HV03$")),
                Arguments.of("replica: the Replica server disabled", replicaSetup, replica,
                        List.of("account disable HV02"), List.of("the computer account is disabled")),
                Arguments.of("storage: no delegation to the file server", List.of("lab plant computer FS01"), storage,
                        List.of(), List.of("HV01 may not act for the operator towards FS01's cifs service (neither "
                                + "constrained delegation from HV01 nor resource-based delegation on FS01)")),
                Arguments.of("storage: constrained with Kerberos only", List.of("lab plant computer FS01",
                                "delegate trust HV01 --to FS01 --services cifs"), storage,
                        List.of("delegate untrust HV01 --all",
                                "delegate trust HV01 --to FS01 --services cifs --kerberos-only"),
                        List.of("HV01 delegates to FS01's cifs with Kerberos only, but the operator works from "
                                + "another machine and Windows Server 2022 needs protocol transition for it")),
                Arguments.of("storage: the file server's HOST SPN missing", storageSetup, storage,
                        List.of("spn remove FS01 \"HOST/fs01.lab.test\""),
                        List.of("cifs/fs01.lab.test is not registered, nor HOST/fs01.lab.test that sPNMappings "
                                + "maps it to")),
                Arguments.of("storage: operator sensitive", storageSetup, storage,
                        List.of("account sensitive operator"),
                        List.of("the account is marked sensitive and cannot be delegated (NOT_DELEGATED)")),
                Arguments.of("wac: no node allows the gateway", List.of("lab plant computer WAC1",
                                "delegate pair HV01 HV02"), wac, List.of(),
                        List.of("HV01 does not allow the gateway WAC1 to act for users (no resource-based delegation "
                                + "naming WAC1$)", "HV02 does not allow the gateway WAC1 to act for users (no "
                                + "resource-based delegation naming WAC1$)")),
                Arguments.of("wac: one node revokes the gateway", wacSetup, wac,
                        List.of("delegate rbcd HV02 --revoke WAC1"),
                        List.of("HV02 does not allow the gateway WAC1 to act for users (no resource-based delegation "
                                + "naming WAC1$)")),
                Arguments.of("wac: node-to-node with Kerberos only", wacSetup, wac,
                        List.of("delegate untrust HV01 --all", "delegate trust HV01 --to HV02 --kerberos-only"),
                        List.of("HV01 delegates with Kerberos only, but Windows Server 2022 Datacenter hosts need "
                                + "protocol transition for moves started remotely")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaks")
    void theCheckNamesExactlyTheCauseAndItsFixPlanRepairsIt(String name, List<String> setup, String check,
                                                            List<String> breakIt, List<String> causes)
            throws Exception {
        Path plan = home.resolve("fix.yaml");
        List<String> lines = new ArrayList<>(setup);
        lines.add(check);
        lines.addAll(breakIt);
        lines.add(check + " --fix-plan " + plan);
        lines.add("recipe run " + plan + " --yes");
        lines.add(check);
        KerbshellRun.Result run = KerbshellRun.in(home).stdin(String.join("\n", lines)).args("--json", "--keep-going");
        String subject = check.replaceFirst(" --user operator", "");
        List<JsonNode> checks = new ArrayList<>();
        for (String line : run.stdout().strip().split("\n")) {
            JsonNode node = Json.mapper().readTree(line);
            if (node.has("subject") && node.get("subject").asText().startsWith(subject.substring(0, 12))) {
                checks.add(node);
            }
        }
        assertTrue(checks.size() >= 3, name + ": " + run);
        if (!breakIt.isEmpty()) {
            assertEquals(List.of(), blockers(checks.get(0)), name + ": works before the break: " + checks.get(0));
        }
        assertEquals(causes, blockers(checks.get(breakIt.isEmpty() ? 0 : 1)), name + ": names exactly the cause");
        assertEquals(List.of(), blockers(checks.get(checks.size() - 1)), name + ": after the fix plan: "
                + checks.get(checks.size() - 1));
        assertTrue(Files.readString(plan).contains("verify:"), Files.readString(plan));
    }

    private static List<String> blockers(JsonNode diagnosis) {
        List<String> problems = new ArrayList<>();
        for (JsonNode section : diagnosis.get("sections")) {
            for (JsonNode finding : section.get("findings")) {
                if (finding.get("severity").asText().equals("BLOCKER")) {
                    problems.add(finding.get("problem").asText());
                }
            }
        }
        return problems;
    }
}
