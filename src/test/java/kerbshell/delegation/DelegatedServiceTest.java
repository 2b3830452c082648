package kerbshell.delegation;

import kerbshell.directory.Account;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DelegatedServiceTest {
    @Test
    void servicesParseToTheirClassesAndBothNameForms() {
        assertEquals(List.of(DelegatedService.MIGRATION, DelegatedService.CIFS),
                DelegatedService.parse(" migration , CIFS,cifs"));
        Account hv02 = new Account("CN=HV02,CN=Computers,DC=x", "HV02$", "HV02", "hv02.x", null, true, false, 4096);
        assertEquals(List.of("Hyper-V Replica Service/HV02", "Hyper-V Replica Service/hv02.x"),
                DelegatedService.spnsOn(hv02, DelegatedService.parse("replica")));
    }
}
