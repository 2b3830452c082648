package kerbshell.training;

import kerbshell.journal.JournalEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trainee's journaled changes beside the model solution: one command per invocation, words compared. */
class ScenarioSolutionComparisonTest {

    @Test
    void theModelSolutionMatchesWhateverTheQuotingCaseAndJsonOrYesFlags() {
        SolutionComparison comparison = SolutionComparison.of(List.of(
                        entry("c1", "delegate pair hv01 HV02 --json", "done"),
                        entry("c1", "delegate pair hv01 HV02 --json", "done"),
                        entry("c2", "delegate untrust HV01 --any-service --yes", "done")),
                List.of("delegate pair HV01 HV02", "delegate untrust HV01 --any-service"));
        assertEquals(List.of("delegate pair hv01 HV02 --json", "delegate untrust HV01 --any-service --yes"),
                comparison.yours(), "one line per command, however many attributes it wrote");
        assertEquals(List.of(0, 1), comparison.modelStepsUsed());
        assertTrue(comparison.sameAsModel());
    }

    @Test
    void anotherWayIsNamedAndFailedWritesAreLeftOut() {
        SolutionComparison comparison = SolutionComparison.of(List.of(
                        entry("c1", "spn add HV02 Microsoft Virtual System Migration Service/HV02", "failed"),
                        entry("c2", "spn add HV02 Microsoft Virtual System Migration Service/HV02", "done")),
                List.of("spn add HV02 \"Microsoft Virtual System Migration Service/HV02\"", "spn hyperv HV02 --add"));
        assertEquals(1, comparison.yours().size(), "the failed attempt is not a change");
        assertEquals(List.of(0), comparison.modelStepsUsed(), "the quoted model line matches the journal's words");
        assertFalse(comparison.sameAsModel());
        assertEquals("you ran 1 of the model solution's 2 directory change(s); the goal checks pass, so your way "
                + "fixed it too: compare it with the model below", comparison.verdict());
    }

    @Test
    void aHostStepOfTheModelIsNeitherMissingNorUsed() {
        // vmms restart changes no directory object, so the journal never holds it: the goal's moves judge it.
        SolutionComparison comparison = SolutionComparison.of(List.of(
                        entry("c1", "delegate trust HV02 --to HV01", "done")),
                List.of("delegate trust HV02 --to HV01", "vmms restart HV02"));
        assertEquals(List.of(0), comparison.modelStepsUsed());
        assertEquals(List.of(1), comparison.hostSteps());
        assertTrue(comparison.sameAsModel(), comparison::toString);
        assertEquals("you made exactly the model solution's changes (its host steps, marked '*', leave no journal "
                + "entry; the goal's moves passing shows the hosts picked the fix up)", comparison.verdict());
    }

    private static JournalEntry entry(String commandId, String command, String status) {
        return new JournalEntry(commandId + "-1", Instant.EPOCH, "Administrator", "127.0.0.1:389 (lab)", "DC=lab,DC=test",
                null, null, "CN=HV02,CN=Computers,DC=lab,DC=test", "servicePrincipalName", List.of(), List.of(), false, command,
                commandId, null, null, status);
    }
}
