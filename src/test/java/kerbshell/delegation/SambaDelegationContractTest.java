package kerbshell.delegation;

import kerbshell.directory.SecurityDescriptor;
import kerbshell.directory.Sddl;
import kerbshell.testbed.SambaTool;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract against the Samba AD DC, and what Samba does its own way: it refuses LDAP writes of the
 * resource-based descriptor ("can only be modified as system"), writes it itself with samba-tool (which kerbshell
 * must read), and checks SeEnableDelegationPrivilege on delegation writes.
 */
@Tag("samba")
class SambaDelegationContractTest extends DelegationContractTest {
    private static final String TEMPORARY_HOST = "KSDELEG";

    @BeforeAll
    static void start() {
        target = DelegationTarget.samba();
        record();
    }

    @Override
    boolean descriptorWritable() {
        return false;
    }

    @AfterEach
    void removeSambaWrittenDescriptor() {
        SambaTestBed bed = SambaTestBed.get();
        String shown = SambaTool.run(bed, "delegation", "show", "HV02$");
        if (shown.contains("msDS-AllowedToActOnBehalfOfOtherIdentity: CN=HV01,")) {
            SambaTool.run(bed, "delegation", "del-principal", "HV02$", "HV01$");
        }
    }

    @Test
    void rbcdWriteIsRefusedBySambaInOneClearLine() {
        KerbshellException refused = assertThrows(KerbshellException.class,
                () -> new RbcdService(target.admin()).allow("HV02", "HV01", false));
        assertEquals(ExitStatus.PROBLEM, refused.status());
        assertTrue(refused.getMessage().contains("can only be modified as system"), refused.getMessage());
        assertTrue(refused.getMessage().contains("samba-tool delegation add-principal"), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count());
    }

    @Test
    void descriptorSambaWroteIsReadResolvedAndReencodedByteForByte() throws Exception {
        SambaTool.run(SambaTestBed.get(), "delegation", "add-principal", "HV02$", "HV01$");
        SearchResultEntry entry = target.other().ldap().getEntry(fixtures.dn("HV02"), Ad.ALLOWED_TO_ACT);
        byte[] samba = entry.getAttributeValueBytes(Ad.ALLOWED_TO_ACT);

        SecurityDescriptor decoded = SecurityDescriptor.decode(samba);
        assertArrayEquals(samba, decoded.encode(), "what Samba wrote survives a decode and encode unchanged");
        String hv01 = new AccountResolver(target.admin()).resolve("HV01").sid();
        assertEquals("O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;" + hv01 + ")", Sddl.of(decoded));
        assertArrayEquals(samba, SecurityDescriptor.empty().withAces(List.of(SecurityDescriptor.Ace.allow(
                kerbshell.directory.Sid.parse(hv01)))).encode(), "kerbshell builds the very bytes Samba builds");

        DelegationReport shown = new DelegationService(target.admin()).show("HV02");
        assertEquals(1, shown.actingAllowed().size());
        assertEquals("HV01$", shown.actingAllowed().get(0).account());
        assertEquals("allow", shown.actingAllowed().get(0).access());

        // Allowing what Samba already allows is no change; revoking plans the exact delete Samba then refuses.
        assertEquals(RbcdReport.Result.ALREADY_ALLOWED, new RbcdService(target.admin()).allow("HV02", "HV01", false)
                .result());
        RbcdReport dry = new RbcdService(target.admin()).revoke("HV02", "HV01", true);
        assertEquals(RbcdReport.Result.WOULD_REVOKE, dry.result());
        assertEquals(java.util.Base64.getEncoder().encodeToString(samba), dry.change().steps().get(0).values().get(0));
    }

    /** A plain user is refused, and the message names the privilege delegation needs. */
    @Test
    void missingRightsNameSeEnableDelegationPrivilege() {
        SambaTestBed bed = SambaTestBed.get();
        try (DirectorySession operator = DelegationTarget.open(bed, bed.operatorUser(), bed.operatorPassword())) {
            KerbshellException denied = assertThrows(KerbshellException.class, () -> new DelegationService(operator)
                    .trust("HV01", "HV02", DelegatedService.parse("cifs"), false, false));
            assertTrue(denied.getMessage().contains("SeEnableDelegationPrivilege"), denied.getMessage());
            assertTrue(denied.getMessage().contains("access denied writing the delegation of HV01$"),
                    denied.getMessage());
        }
    }

    /**
     * Write access to an account is not enough: Samba, like AD, wants SeEnableDelegationPrivilege for the
     * delegation flags and list, and says so in its refusal, which kerbshell passes on.
     */
    @Test
    void writeAccessWithoutThePrivilegeIsRefusedWithSambasReason() throws Exception {
        SambaTestBed bed = SambaTestBed.get();
        SambaTool.run(bed, "computer", "create", TEMPORARY_HOST);
        try {
            String operatorSid = new AccountResolver(target.admin()).resolve(bed.operatorUser()).sid();
            String dn = new AccountResolver(target.admin()).resolve(TEMPORARY_HOST).dn();
            SambaTool.run(bed, "dsacl", "set", "--objectdn=" + dn, "--sddl=(A;;RPWP;;;" + operatorSid + ")");
            try (DirectorySession operator = DelegationTarget.open(bed, bed.operatorUser(), bed.operatorPassword())) {
                KerbshellException flag = assertThrows(KerbshellException.class, () -> new DelegationService(operator)
                        .trustAnyService(TEMPORARY_HOST, false, false));
                assertTrue(flag.getMessage().contains("the DC said: Failed to modify " + dn + ": Updating the "
                        + "UF_TRUSTED_FOR_DELEGATION bit in userAccountControl is not permitted without the "
                        + "SeEnableDelegationPrivilege"), flag.getMessage());
                KerbshellException list = assertThrows(KerbshellException.class, () -> new DelegationService(operator)
                        .trust(TEMPORARY_HOST, "HV02", DelegatedService.parse("cifs"), false, false));
                assertTrue(list.getMessage().contains("msDS-AllowedToDelegateTo (entry " + dn + ") cannot be created "
                        + "or changed without SePrivEnableDelegation"), list.getMessage());
                assertTrue(list.getMessage().startsWith("access denied writing the delegation of KSDELEG$: "
                        + "delegation settings can be changed only by an account holding SeEnableDelegationPrivilege"),
                        list.getMessage());
            }
        } finally {
            SambaTool.run(bed, "computer", "delete", TEMPORARY_HOST);
        }
    }
}
