package kerbshell.directory;

import com.unboundid.ldap.sdk.Entry;
import kerbshell.testbed.LabFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user names completion offers, on the lab: users only, by prefix, and never more than UserNames.LIMIT. */
class LabUserNamesTest {
    @RegisterExtension
    static final LabFixture LAB = LabFixture.perTest();

    @Test
    void usersByPrefixWithoutComputersOrGroups() {
        assertEquals(List.of("alice"), UserNames.startingWith(LAB.session(), "al"));
        assertEquals(List.of("Administrator"), UserNames.startingWith(LAB.session(), "ADM"), "any case, as AD matches");
        assertEquals(List.of(), UserNames.startingWith(LAB.session(), "HV"), "computer accounts are not users here");
        assertEquals(List.of(), UserNames.startingWith(LAB.session(), "Domain"), "nor groups");
        List<String> all = UserNames.startingWith(LAB.session(), "");
        assertTrue(all.containsAll(List.of("Administrator", "alice", "operator")), all::toString);
        assertTrue(all.stream().noneMatch(n -> n.endsWith("$")), all::toString);
    }

    @Test
    void aLargeDomainAnswersWithTheFirstLimitNames() throws Exception {
        for (int i = 0; i < UserNames.LIMIT + 25; i++) {
            String name = String.format("bulk%03d", i);
            LAB.lab().directory().system().add(new Entry("CN=" + name + ",CN=Users,DC=lab,DC=test",
                    new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                    new com.unboundid.ldap.sdk.Attribute("cn", name),
                    new com.unboundid.ldap.sdk.Attribute("sn", name),
                    new com.unboundid.ldap.sdk.Attribute(Ad.SAM_ACCOUNT_NAME, name)));
        }
        List<String> names = UserNames.startingWith(LAB.session(), "bulk");
        assertEquals(UserNames.LIMIT, names.size());
        assertTrue(names.stream().allMatch(n -> n.startsWith("bulk")), names::toString);
    }
}
