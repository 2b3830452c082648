package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recipes that try to trick kerbshell, on the lab: a parameter that carries a second argument, a step folded into
 * the one before it, duplicate keys, an option given twice, a name that is a path, a recipe that runs itself, a
 * step that cannot be planned, a secret in the notes. Each is refused with one line, before anything is written.
 */
class RecipeStrictnessTest {
    @TempDir
    Path home;

    private Path recipes() throws Exception {
        return Files.createDirectories(home.resolve("kerbshell-home/recipes"));
    }

    private KerbshellRun.Result shell(String... lines) {
        return KerbshellRun.in(home).stdin(String.join("\n", lines)).args("--keep-going");
    }

    @Test
    void aParameterIsOneArgumentAndCannotSmuggleInAnother() {
        KerbshellRun.Result run = shell(
                "recipe run move-duplicate-spn --param 'spn=x\" \"HOST/hv03.lab.test' --param source=HV03 "
                        + "--param destination=HV02 --yes",
                "spn list HV03");
        assertTrue(run.stderr().contains("--param spn=x\" \"HOST/hv03.lab.test is refused"), run.toString());
        assertTrue(run.stdout().contains("HOST/hv03.lab.test"), "HV03 keeps its own SPN: " + run);
        assertFalse(run.stdout().contains("step 1/"), "no step ran: " + run);
    }

    /** Each value of a list is one argument too: an option or a quoted second argument in one of them is refused. */
    @Test
    void anElementOfAListCannotSmuggleInAnOptionOrASecondArgument() {
        for (String nodes : new String[] {"HV01,--to DC1", "HV01,-x", "x\" \"y,HV02", "HV01,,HV02"}) {
            KerbshellRun.Result run = shell("recipe run cluster-mesh --param 'nodes=" + nodes + "' --yes",
                    "delegate show HV01");
            String refusal = run.stderr().lines().filter(l -> l.contains("--param nodes=")).findFirst().orElse("");
            assertTrue(refusal.contains("is refused"), nodes + ": " + run);
            assertEquals(1, run.stderr().lines().filter(l -> l.startsWith("error:")).count(), "one line: " + run);
            assertFalse(run.stdout().contains("step 1/"), "no step ran: " + run);
            assertFalse(run.stdout().contains("DC1"), "nothing delegates to DC1: " + run);
        }
        KerbshellRun.Result twice = shell("recipe run cluster-mesh --param nodes=HV01,hv01 --dry-run");
        assertTrue(twice.stderr().contains("hv01 is given twice"), twice.toString());
    }

    @Test
    void aValueThatLooksLikeAnOptionIsRefused() {
        KerbshellRun.Result run = shell("recipe run hyperv-replica-pair --param source=--force "
                + "--param destination=HV02 --dry-run");
        assertTrue(run.stderr().contains("--param source=--force is refused"), run.toString());
    }

    @Test
    void aStepIndentedTooFarIsAnErrorNotAFoldedStep() throws Exception {
        Path file = recipes().resolve("folded.yaml");
        Files.writeString(file, "name: folded\nsteps:\n  - spn add HV01 http/a.lab.test\n"
                + "   --dry-run\n  - spn list HV01\n");
        KerbshellRun.Result run = KerbshellRun.in(home).args("recipe", "show", file.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains(file + ":3:5: this step runs over more than one line"), run.toString());
    }

    @Test
    void duplicateKeysUnknownKeysAndNonScalarStepsNameFileLineAndColumn() throws Exception {
        Path twice = recipes().resolve("twice.yaml");
        Files.writeString(twice, "name: twice\nsteps:\n  - spn list HV01\nname: again\n");
        KerbshellRun.Result first = KerbshellRun.in(home).args("recipe", "show", twice.toString());
        assertEquals(2, first.exitCode(), first.toString());
        assertTrue(first.stderr().contains(twice + ":4:1: field 'name' is given twice"), first.toString());

        Path mapping = home.resolve("mapping.yaml");
        Files.writeString(mapping, "name: mapping\nsteps:\n  - spn add: HV01\n");
        KerbshellRun.Result second = KerbshellRun.in(home).args("recipe", "show", mapping.toString());
        assertEquals(2, second.exitCode(), second.toString());
        assertTrue(second.stderr().contains(mapping + ":3:5: each of steps is one command line, not a mapping"),
                second.toString());
    }

    @Test
    void anOptionGivenTwiceIsAUsageErrorNotTheLastOneWins() {
        KerbshellRun.Result run = KerbshellRun.in(home).args("delegate", "trust", "HV01", "--to", "HV02", "--to", "DC1");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("option --to is given 2 times"), run.toString());
    }

    @Test
    void recipeNamesArePlainAndSavedOnlyInTheRecipesDirectory() {
        KerbshellRun.Result run = KerbshellRun.in(home).args("recipe", "record", "../../.config/kerbshell/config");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("is not a plain name"), run.toString());
        assertFalse(Files.exists(home.resolve("config/config.yaml")), "the profile file is untouched");
    }

    @Test
    void aRecipeThatRunsItselfDirectlyOrThroughAnotherIsRefused() throws Exception {
        Files.writeString(recipes().resolve("self.yaml"), "name: self\nsteps:\n  - recipe run self --yes\n");
        KerbshellRun.Result direct = KerbshellRun.in(home).args("recipe", "show", "self");
        assertTrue(direct.stderr().contains("recipe self runs itself"), direct.toString());

        Files.delete(recipes().resolve("self.yaml"));
        Files.writeString(recipes().resolve("ping.yaml"), "name: ping\nsteps:\n  - recipe run pong --yes\n");
        Files.writeString(recipes().resolve("pong.yaml"), "name: pong\nsteps:\n  - recipe run ping --yes\n");
        KerbshellRun.Result indirect = KerbshellRun.in(home).args("recipe", "run", "ping", "--yes");
        assertEquals(2, indirect.exitCode(), indirect.toString());
        assertTrue(indirect.stderr().contains("ping -> pong -> ping"), indirect.toString());
    }

    @Test
    void aStepThatCannotBePlannedStopsTheRunBeforeTheFirstWrite() throws Exception {
        Files.writeString(recipes().resolve("typo.yaml"), "name: typo\nsteps:\n  - spn add HV01 http/typo.lab.test\n"
                + "  - spn add HV02 http/typo2.lab.test --forse\n");
        KerbshellRun.Result run = shell("recipe run typo --yes", "spn list HV01");
        assertTrue(run.stderr().contains("step 2 (") && run.stderr().contains("has no option --forse"), run.toString());
        assertFalse(run.stdout().contains("http/typo.lab.test"), "step 1 was not applied: " + run);

        Files.writeString(recipes().resolve("ghost.yaml"), "name: ghost\nsteps:\n  - spn add HV01 http/g.lab.test\n"
                + "  - spn add NOSUCHHOST http/g2.lab.test\n");
        KerbshellRun.Result ghost = shell("recipe run ghost --yes", "spn list HV01");
        assertTrue(ghost.stderr().contains("cannot be planned"), ghost.toString());
        assertFalse(ghost.stdout().contains("http/g.lab.test"), "step 1 was not applied: " + ghost);
    }

    @Test
    void aStepThatWritesWithoutADryRunIsShownAsWriting() throws Exception {
        Files.writeString(recipes().resolve("reset.yaml"), "name: reset\nsteps:\n  - lab reset\n");
        KerbshellRun.Result run = KerbshellRun.in(home).args("recipe", "run", "reset", "--dry-run");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("WRITES: this step has no dry run"), run.toString());
    }

    @Test
    void aRunWithNothingToChangeSaysSoAndAsksNothing() {
        KerbshellRun.Result run = shell(
                "recipe run hyperv-replica-pair --param source=HV01 --param destination=HV02 --yes",
                "recipe run hyperv-replica-pair --param source=HV01 --param destination=HV02");
        assertTrue(run.stderr().contains("nothing to change"), run.toString());
        assertFalse(run.stderr().contains("Apply them?") || run.stderr().contains("--yes"), run.toString());
    }

    @Test
    void aSecretAnywhereInARecipeIsRefused() throws Exception {
        Path file = recipes().resolve("notes.yaml");
        Files.writeString(file, "name: notes\nsteps:\n  - spn list HV01\nnotes:\n  - \"log on with password: hunter2\"\n");
        KerbshellRun.Result run = KerbshellRun.in(home).args("recipe", "show", file.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains(file + ":5: a recipe never holds a secret"), run.toString());
    }

    @Test
    void aFixPlanNeverOverwritesAFileUnlessForced() throws Exception {
        Path plan = home.resolve("plan.yaml");
        Files.writeString(plan, "my notes\n");
        KerbshellRun.Result refused = KerbshellRun.in(home).args("check", "pair", "HV01", "HV02", "--fix-plan",
                plan.toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.stderr().contains(plan + " exists: give another file, or add --force"), refused.toString());
        assertEquals("my notes\n", Files.readString(plan), "the file is untouched");

        KerbshellRun.Result forced = KerbshellRun.in(home).args("check", "pair", "HV01", "HV02", "--fix-plan",
                plan.toString(), "--force");
        assertTrue(forced.stderr().contains("fix plan written to " + plan), forced.toString());
        assertTrue(Files.readString(plan).contains("verify:"), Files.readString(plan));
    }
}
