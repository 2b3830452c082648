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
 * The check proof on the lab: from a working pair, break one thing; check pair must name exactly that cause as
 * its blockers; the fixes it proposes, run as the recipe it writes, must make check pair pass again.
 */
class LabCheckMatrixTest {
    @TempDir
    Path home;

    static Stream<Arguments> breaks() {
        return Stream.of(
                Arguments.of("SPN missing", List.of(
                        "spn remove HV02 \"Microsoft Virtual System Migration Service/hv02.lab.test\""),
                        List.of("Microsoft Virtual System Migration Service/hv02.lab.test is not registered")),
                Arguments.of("SPN on another account", List.of(
                        "lab plant duplicate-spn \"Microsoft Virtual System Migration Service/HV02\" --on HV01"),
                        List.of("Microsoft Virtual System Migration Service/HV02 is also held by HV01$")),
                Arguments.of("no delegation", List.of("delegate untrust HV01 --all", "delegate untrust HV02 --all"),
                        List.of("HV01 is not trusted to delegate to HV02", "HV02 is not trusted to delegate to HV01")),
                Arguments.of("delegation to the wrong service", List.of(
                        "delegate untrust HV01 --to HV02 --services migration"),
                        List.of("HV01 may not delegate to Microsoft Virtual System Migration Service/HV02, "
                                + "Microsoft Virtual System Migration Service/hv02.lab.test")),
                Arguments.of("one direction only", List.of("delegate untrust HV02 --all"),
                        List.of("HV02 is not trusted to delegate to HV01")),
                Arguments.of("Kerberos only on 2016+", List.of("delegate untrust HV01 --all",
                                "delegate trust HV01 --to HV02 --kerberos-only"),
                        List.of("HV01 delegates with Kerberos only, but Windows Server 2022 Datacenter hosts need "
                                + "protocol transition for moves started remotely")),
                Arguments.of("operator in Protected Users", List.of("group add-member \"Protected Users\" operator"),
                        List.of("the account is in Protected Users")),
                Arguments.of("operator NOT_DELEGATED", List.of("account sensitive operator"),
                        List.of("the account is marked sensitive and cannot be delegated (NOT_DELEGATED)")),
                Arguments.of("host disabled", List.of("account disable HV02"),
                        List.of("the computer account is disabled")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaks")
    void checkPairNamesExactlyTheCauseAndItsFixMakesItPass(String name, List<String> breakIt, List<String> causes)
            throws Exception {
        Path plan = home.resolve("fix.yaml");
        List<String> lines = new ArrayList<>(List.of("delegate pair HV01 HV02", "check pair HV01 HV02 --user operator"));
        lines.addAll(breakIt);
        lines.add("check pair HV01 HV02 --user operator --fix-plan " + plan);
        lines.add("recipe run " + plan + " --yes");
        lines.add("check pair HV01 HV02 --user operator");
        List<JsonNode> documents = run(lines);

        JsonNode healthy = documents.get(0);
        assertEquals(0, blockers(healthy).size(), "the pair works before the break: " + healthy);
        JsonNode broken = documents.get(1);
        assertEquals(causes, blockers(broken), name + ": check pair names exactly the cause");
        JsonNode fixed = documents.get(documents.size() - 1);
        assertEquals(List.of(), blockers(fixed), name + ": after the fix plan ran: " + fixed);
        String recipe = Files.readString(plan);
        assertTrue(recipe.contains("verify:"), recipe);
    }

    /** RC4 only is a warning, not a blocker: check pair names it, and its fix plan removes it. */
    @org.junit.jupiter.api.Test
    void rc4OnlyHostIsAWarningWhoseFixRemovesIt() throws Exception {
        Path plan = home.resolve("fix.yaml");
        List<JsonNode> documents = run(List.of("delegate pair HV01 HV02", "check pair HV01 HV02",
                "account etypes HV02 rc4", "check pair HV01 HV02 --fix-plan " + plan, "recipe run " + plan + " --yes",
                "check pair HV01 HV02"));
        assertEquals(List.of(), findings(documents.get(0), "WARNING"));
        assertEquals(List.of("the account supports no AES encryption type (msDS-SupportedEncryptionTypes 4: RC4 only)"),
                findings(documents.get(1), "WARNING"));
        assertEquals(List.of(), findings(documents.get(1), "BLOCKER"));
        assertEquals(List.of(), findings(documents.get(documents.size() - 1), "WARNING"));
    }

    private static List<String> blockers(JsonNode diagnosis) {
        return findings(diagnosis, "BLOCKER");
    }

    private static List<String> findings(JsonNode diagnosis, String severity) {
        List<String> problems = new ArrayList<>();
        for (JsonNode section : diagnosis.get("sections")) {
            for (JsonNode finding : section.get("findings")) {
                if (finding.get("severity").asText().equals(severity)) {
                    problems.add(finding.get("problem").asText());
                }
            }
        }
        return problems;
    }

    /** Runs the lines in one shell on the lab and returns the JSON documents of the check pair lines. */
    private List<JsonNode> run(List<String> lines) throws Exception {
        KerbshellRun.Result run = KerbshellRun.in(home).stdin(String.join("\n", lines)).args("--json", "--keep-going");
        List<JsonNode> checks = new ArrayList<>();
        for (String line : run.stdout().strip().split("\n")) {
            JsonNode node = Json.mapper().readTree(line);
            if (node.has("subject") && node.get("subject").asText().startsWith("check pair")) {
                checks.add(node);
            }
        }
        assertTrue(checks.size() >= 3, run::toString);
        return checks;
    }
}
