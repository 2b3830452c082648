package kerbshell.journal;

import kerbshell.spn.SpnTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

@Tag("samba")
class SambaUndoContractTest extends UndoContractTest {
    @BeforeAll
    static void start() {
        target = SpnTarget.samba();
    }
}
