package kerbshell.spn;

import org.junit.jupiter.api.BeforeAll;

class LabSpnContractTest extends SpnContractTest {
    @BeforeAll
    static void start() {
        target = SpnTarget.lab();
    }
}
