package kerbshell.directory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The PowerShell and setspn forms of changes: quoting, the identity named, the commands chosen. */
class PowerShellCommandsTest {
    private static final String HV01 = "CN=HV01,CN=Computers,DC=corp,DC=example";

    @Test
    void aSingleQuoteInsideIsDoubled() {
        assertEquals("'O''Brien'", PowerShellCommands.quote("O'Brien"));
        assertEquals("'$env:x `n'", PowerShellCommands.quote("$env:x `n"), "single quotes expand nothing");
    }

    @Test
    void aUserIsNamedByItsQuotedDnWithSetAdObject() {
        LdapChange change = LdapChange.add("CN=O'Brien,OU=Svc,DC=corp,DC=example", "servicePrincipalName",
                List.of("HTTP/web"));
        assertEquals(List.of("Set-ADObject -Identity 'CN=O''Brien,OU=Svc,DC=corp,DC=example' "
                + "-Add @{'servicePrincipalName'='HTTP/web'}"), PowerShellCommands.of(change));
    }

    @Test
    void aRewriteIsShownAsTheValuesItRemovesAndAdds() {
        LdapChange change = LdapChange.rewrite(HV01, "servicePrincipalName", List.of("a/HV01", "b/HV01"),
                List.of("b/HV01", "c/HV01"));
        assertEquals(List.of("Set-ADComputer -Identity HV01 -Remove @{'servicePrincipalName'='a/HV01'} "
                + "-Add @{'servicePrincipalName'='c/HV01'}"), PowerShellCommands.of(change));
        assertEquals(List.of("setspn -D \"a/HV01\" HV01", "setspn -S \"c/HV01\" HV01"), SetspnCommands.of(change));
    }

    @Test
    void accountControlBitsEncryptionTypesDnsNameAndMembership() {
        assertEquals(List.of("Set-ADAccountControl -Identity HV01 -TrustedForDelegation $false",
                        "Set-ADAccountControl -Identity HV01 -AccountNotDelegated $true"),
                PowerShellCommands.of(LdapChange.swap(HV01, "userAccountControl",
                        String.valueOf(4096 | Ad.UAC_TRUSTED_FOR_DELEGATION), String.valueOf(4096 | Ad.UAC_NOT_DELEGATED))));
        assertEquals(List.of("Enable-ADAccount -Identity HV01"), PowerShellCommands.of(
                LdapChange.swap(HV01, "userAccountControl", "4098", "4096")));
        assertEquals(List.of("Set-ADComputer -Identity HV01 -KerberosEncryptionType RC4,AES128,AES256"),
                PowerShellCommands.of(LdapChange.swap(HV01, "msDS-SupportedEncryptionTypes", "4", "28")));
        assertEquals(List.of("Set-ADComputer -Identity HV01 -DNSHostName 'hv01.corp.example'"),
                PowerShellCommands.of(LdapChange.add(HV01, "dNSHostName", List.of("hv01.corp.example"))));
        assertEquals(List.of("Add-ADGroupMember -Identity 'CN=Protected Users,CN=Users,DC=corp,DC=example' "
                        + "-Members 'CN=alice,CN=Users,DC=corp,DC=example'"),
                PowerShellCommands.of(LdapChange.add("CN=Protected Users,CN=Users,DC=corp,DC=example", "member",
                        List.of("CN=alice,CN=Users,DC=corp,DC=example"))));
    }

    @Test
    void rbcdNamesTheAllowedSids() {
        Sid sid = Sid.parse("S-1-5-21-1-2-3-1105");
        byte[] descriptor = SecurityDescriptor.empty().withAces(List.of(SecurityDescriptor.Ace.allow(sid))).encode();
        assertEquals(List.of("Set-ADComputer -Identity HV01 -PrincipalsAllowedToDelegateToAccount "
                        + "'S-1-5-21-1-2-3-1105'"),
                PowerShellCommands.of(LdapChange.addBinary(HV01, "msDS-AllowedToActOnBehalfOfOtherIdentity",
                        descriptor)));
    }
}
