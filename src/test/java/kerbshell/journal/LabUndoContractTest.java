package kerbshell.journal;

import kerbshell.spn.SpnTarget;
import org.junit.jupiter.api.BeforeAll;

class LabUndoContractTest extends UndoContractTest {
    @BeforeAll
    static void start() {
        target = SpnTarget.lab();
    }
}
