package kerbshell.delegation;

import kerbshell.directory.SecurityDescriptor;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.Ad;
import kerbshell.directory.Sid;
import kerbshell.error.KerbshellException;
import kerbshell.lab.LabDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract on the lab, and what only the lab can show: resource-based delegation written over LDAP (Samba
 * refuses that write). The lab's KDC (Apache Kerby) implements no S4U, so here the directory stands in for the
 * KDC's decision; SambaS4uProofTest shows a real KDC granting and refusing.
 */
class LabDelegationContractTest extends DelegationContractTest {
    @BeforeAll
    static void start() {
        target = DelegationTarget.lab();
        record();
    }

    @Override
    boolean descriptorWritable() {
        return true;
    }

    @Test
    void rbcdAllowAndRevokeKeepEveryOtherEntry() throws Exception {
        // Someone else's descriptor first: a deny for alice and an allow for DC1, with the DACL protected.
        Sid alice = Sid.parse(new AccountResolver(target.admin()).resolve("alice").sid());
        Sid dc1 = Sid.parse(new AccountResolver(target.admin()).resolve("DC1").sid());
        SecurityDescriptor theirs = SecurityDescriptor.empty().withAces(List.of(
                new SecurityDescriptor.Ace(SecurityDescriptor.Ace.ACCESS_DENIED, 0,
                        SecurityDescriptor.Ace.allow(alice).body()),
                SecurityDescriptor.Ace.allow(dc1)));
        target.other().ldap().modify(fixtures.dn("HV02"),
                new Modification(ModificationType.REPLACE, Ad.ALLOWED_TO_ACT, theirs.encode()));

        RbcdService rbcd = new RbcdService(target.admin());
        RbcdReport allowed = rbcd.allow("HV02", "HV01", false);
        assertEquals(RbcdReport.Result.ALLOWED, allowed.result());
        assertEquals(List.of("delete", "add"), allowed.change().steps().stream().map(s -> s.operation()).toList(),
                "the exact old descriptor deleted and the new one added, in one modify");
        byte[] written = target.other().ldap().getEntry(fixtures.dn("HV02"), Ad.ALLOWED_TO_ACT)
                .getAttributeValueBytes(Ad.ALLOWED_TO_ACT);
        SecurityDescriptor now = SecurityDescriptor.decode(written);
        assertEquals(3, now.aces().size());
        assertArrayEquals(theirs.aces().get(0).body(), now.aces().get(0).body(), "the deny entry is kept");
        assertEquals(List.of("alice", "DC1$", "HV01$"), new DelegationService(target.admin()).show("HV02")
                .actingAllowed().stream().map(DelegationReport.ActingPrincipal::account).toList());
        assertEquals("deny", allowed.after().get(0).access());

        assertEquals(RbcdReport.Result.ALREADY_ALLOWED, rbcd.allow("HV02", "HV01$", false).result());

        RbcdReport revoked = rbcd.revoke("HV02", "HV01", false);
        assertEquals(RbcdReport.Result.REVOKED, revoked.result());
        assertArrayEquals(theirs.encode(), target.other().ldap().getEntry(fixtures.dn("HV02"), Ad.ALLOWED_TO_ACT)
                .getAttributeValueBytes(Ad.ALLOWED_TO_ACT), "back to their descriptor, byte for byte");
        assertEquals(RbcdReport.Result.NOT_ALLOWED, rbcd.revoke("HV02", "HV01", false).result());
    }

    @Test
    void rbcdOnAnEmptyAttributeCreatesTheDescriptorAndTheLastRevokeDeletesIt() throws Exception {
        RbcdService rbcd = new RbcdService(target.admin());
        RbcdReport dry = rbcd.allow("HV02", "HV01", true);
        assertEquals(RbcdReport.Result.WOULD_ALLOW, dry.result());
        assertEquals("add", dry.change().steps().get(0).operation());
        assertTrue(dry.change().steps().get(0).binary());
        assertNull(target.other().ldap().getEntry(fixtures.dn("HV02"), Ad.ALLOWED_TO_ACT)
                .getAttributeValue(Ad.ALLOWED_TO_ACT), "dry run wrote nothing");

        RbcdReport allowed = rbcd.allow("HV02", "HV01", false);
        assertTrue(allowed.sddlAfter().startsWith("O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-"),
                allowed.sddlAfter());
        RbcdReport revoked = rbcd.revoke("HV02", "HV01", false);
        assertEquals(List.of("delete"), revoked.change().steps().stream().map(s -> s.operation()).toList());
        assertFalse(target.other().ldap().getEntry(fixtures.dn("HV02"), Ad.ALLOWED_TO_ACT)
                .hasAttribute(Ad.ALLOWED_TO_ACT), "no empty descriptor left behind");
    }

    @Test
    void revokeTakesTheSidOfADeletedAccount() throws Exception {
        Sid gone = new Sid(LabDirectory.DOMAIN_SID + "-4242");
        target.other().ldap().modify(fixtures.dn("HV02"), new Modification(ModificationType.REPLACE,
                Ad.ALLOWED_TO_ACT, SecurityDescriptor.empty().withAces(List.of(SecurityDescriptor.Ace.allow(gone)))
                .encode()));
        DelegationReport shown = new DelegationService(target.admin()).show("HV02");
        assertNull(shown.actingAllowed().get(0).account(), "an orphaned SID has no name");
        assertEquals(gone.value(), shown.actingAllowed().get(0).sid());
        assertEquals(RbcdReport.Result.REVOKED, new RbcdService(target.admin()).revoke("HV02", gone.value(), false)
                .result());
    }

    /** The lab cannot prove delegation at its KDC: Kerby has no S4U at all, and kerbshell says so. */
    @Test
    void s4uProofIsRefusedOnTheLabWithTheReason() {
        KerbshellException refused = assertThrows(KerbshellException.class, () -> new DelegationProof(target.admin())
                .prove("HV01", java.nio.file.Path.of("/nonexistent.keytab"), "alice", "cifs/hv02.lab.test"));
        assertTrue(refused.getMessage().contains("implements neither S4U2Self nor S4U2Proxy"), refused.getMessage());
    }
}
