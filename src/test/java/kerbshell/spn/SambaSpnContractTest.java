package kerbshell.spn;

import kerbshell.directory.DirectoryConnector;
import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("samba")
class SambaSpnContractTest extends SpnContractTest {
    @BeforeAll
    static void start() {
        target = SpnTarget.samba();
    }

    /** A plain user may not write another account's SPNs: the message names the right that is missing. */
    @Test
    void missingRightsNameTheRight() {
        SambaTestBed bed = SambaTestBed.get();
        try (DirectorySession operator = new DirectoryConnector().open(SpnTarget.settings(bed, bed.operatorUser()),
                () -> bed.operatorPassword().toCharArray())) {
            KerbshellException denied = assertThrows(KerbshellException.class, () -> new SpnService(operator)
                    .add("HV01", List.of("http/denied." + bed.domain()), false));
            assertTrue(denied.getMessage().contains("Validated write to service principal name"), denied.getMessage());
        }
    }
}
