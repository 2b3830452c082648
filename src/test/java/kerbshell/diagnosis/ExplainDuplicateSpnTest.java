package kerbshell.diagnosis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The messages a reader meets on the way to a duplicate SPN, as setspn, AD, the KDC and the client print them:
 * each is known, and each leads to spn duplicates and the fix.
 */
class ExplainDuplicateSpnTest {
    private final ExplainService service = new ExplainService();

    private Explanation.Explained only(String text, String id) {
        Explanation e = service.explain(text);
        List<String> ids = e.codes().stream().map(Explanation.Explained::id).toList();
        assertTrue(ids.contains(id), text + " -> " + ids);
        Explanation.Explained explained = e.codes().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        assertTrue(explained.detectedBy().stream().anyMatch(d -> d.contains("spn duplicates")), explained.toString());
        return explained;
    }

    @Test
    void setspnRefusingToAdd() {
        Explanation.Explained e = only("""
                Checking domain DC=corp,DC=example
                CN=HV02-OLD,OU=Retired,DC=corp,DC=example
                        Hyper-V Replica Service/HV02

                Duplicate SPN found, aborting operation!
                """, "setspn-duplicate-found");
        assertTrue(e.fix().stream().anyMatch(f -> f.contains("spn remove OLDACCOUNT SPN")), e.fix().toString());
        assertEquals(List.of("setspn-duplicate-found"), service.explain("Checking domain DC=corp,DC=example").codes()
                .stream().map(Explanation.Explained::id).toList());
    }

    @Test
    void setspnForestScan() {
        only("Checking forest DC=corp,DC=example\nProcessing entry 7\nfound 2 group of duplicate SPNs.",
                "setspn-duplicate-groups");
    }

    @Test
    void theDcRefusingANonUniqueSpn() {
        only("ldap_modify: Constraint violation (19) additional info: 0000202F: AtrErr: DSID-03200BBA, #1: "
                + "0: 0000202F: DSID-03200BBA, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 90303 "
                + "(servicePrincipalName)", "spn-not-unique-in-forest");
        only("error 8647", "spn-not-unique-in-forest");
        only("ERROR_DS_SPN_VALUE_NOT_UNIQUE_IN_FOREST", "spn-not-unique-in-forest");
    }

    @Test
    void theKdcAndTheClient() {
        only("Log Name: System Source: Microsoft-Windows-Kerberos-Key-Distribution-Center Event ID: 11 "
                + "The KDC encountered duplicate names while processing a Kerberos authentication request.",
                "kdc-event-11");
        only("Log Name: System Source: Microsoft-Windows-Security-Kerberos Event ID: 4 The Kerberos client "
                + "received a KRB_AP_ERR_MODIFIED error from the server hv02$.", "kerberos-event-4");
    }
}
