package kerbshell.lab;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import kerbshell.directory.Ad;
import kerbshell.directory.Sid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabDirectoryTest {
    private static LabDirectory lab;
    private static LDAPConnection admin;

    @BeforeAll
    static void start() throws LDAPException {
        lab = LabDirectory.start(0);
        admin = new LDAPConnection("127.0.0.1", lab.ldapPort(), "Administrator@lab.test", LabDirectory.ADMIN_PASSWORD);
    }

    @AfterEach
    void reset() {
        lab.reset();
    }

    @AfterAll
    static void stop() {
        admin.close();
        lab.close();
    }

    @Test
    void seededHostsCarryTheirSpnsAndBinarySids() throws LDAPException {
        SearchResultEntry hv01 = admin.getEntry("CN=HV01,CN=Computers," + LabDirectory.BASE_DN);
        assertTrue(hv01.hasAttributeValue(Ad.SERVICE_PRINCIPAL_NAME, "Microsoft Virtual System Migration Service/HV01"));
        assertEquals(4096, hv01.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL));
        assertEquals("S-1-5-21-3623811015-3361044348-30300820-1101",
                Sid.fromBytes(hv01.getAttributeValueBytes(Ad.OBJECT_SID)).value());
        assertFalse(hv01.hasAttribute("userPassword"), "secrets are never returned");
    }

    @Test
    void duplicateSpnIsRefusedWithConstraintViolation() {
        LDAPException refused = assertThrows(LDAPException.class, () -> admin.modify(
                "CN=HV01,CN=Computers," + LabDirectory.BASE_DN,
                new Modification(ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME, "host/HV02")));
        assertEquals(ResultCode.CONSTRAINT_VIOLATION, refused.getResultCode());
        assertTrue(refused.getMessage().contains("0000202F"));
    }

    @Test
    void duplicateAccountNameIsRefused() {
        LDAPException refused = assertThrows(LDAPException.class, () -> admin.modify(
                "CN=alice,CN=Users," + LabDirectory.BASE_DN,
                new Modification(ModificationType.REPLACE, Ad.SAM_ACCOUNT_NAME, "OPERATOR")));
        assertEquals(ResultCode.ENTRY_ALREADY_EXISTS, refused.getResultCode());
    }

    @Test
    void bindAcceptsAdLogonNamesAndRefusesDisabledAccounts() throws LDAPException {
        new LDAPConnection("127.0.0.1", lab.ldapPort(), "LAB\\operator", "LabOperator-2025!").close();
        new LDAPConnection("127.0.0.1", lab.ldapPort(), "alice", "LabAlice-2025!").close();
        admin.modify("CN=alice,CN=Users," + LabDirectory.BASE_DN,
                new Modification(ModificationType.REPLACE, Ad.USER_ACCOUNT_CONTROL, "66050"));
        LDAPException refused = assertThrows(LDAPException.class,
                () -> new LDAPConnection("127.0.0.1", lab.ldapPort(), "alice", "LabAlice-2025!"));
        assertEquals(ResultCode.INVALID_CREDENTIALS, refused.getResultCode());
        assertTrue(refused.getMessage().contains("data 533"));
    }

    @Test
    void newComputerGetsASidAndMemberOfIsComputed() throws Exception {
        admin.add("dn: CN=HV09,CN=Computers," + LabDirectory.BASE_DN, "objectClass: top", "objectClass: person",
                "objectClass: organizationalPerson", "objectClass: user", "objectClass: computer", "cn: HV09",
                "sAMAccountName: HV09$", "userAccountControl: 4096");
        SearchResultEntry hv09 = admin.getEntry("CN=HV09,CN=Computers," + LabDirectory.BASE_DN);
        assertNotNull(hv09.getAttributeValueBytes(Ad.OBJECT_SID));
        SearchResultEntry operator = admin.searchForEntry(LabDirectory.BASE_DN, SearchScope.SUB,
                Filter.createEqualityFilter(Ad.SAM_ACCOUNT_NAME, "operator"), Ad.MEMBER_OF);
        assertTrue(operator.hasAttributeValue(Ad.MEMBER_OF, "CN=Hyper-V Operators,CN=Users," + LabDirectory.BASE_DN));
    }

    @Test
    void rootDseLooksLikeADomainController() throws LDAPException {
        SearchResultEntry root = admin.getEntry("", "*", "+");
        assertEquals(LabDirectory.BASE_DN, root.getAttributeValue(Ad.DEFAULT_NAMING_CONTEXT));
        assertNotNull(root.getAttributeValue(Ad.CURRENT_TIME));
        assertArrayEquals(new String[] {"7"}, root.getAttributeValues(Ad.DOMAIN_FUNCTIONALITY));
    }
}
