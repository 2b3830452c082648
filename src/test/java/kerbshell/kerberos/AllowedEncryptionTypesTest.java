package kerbshell.kerberos;

import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kerbshell's own Kerberos is AES only unless RC4 is asked for, in Kerby's client and in the JDK's krb5.conf. */
class AllowedEncryptionTypesTest {
    @AfterEach
    void clear() {
        System.clearProperty(AllowedEncryptionTypes.PROPERTY);
    }

    @Test
    void aesOnlyByDefault() {
        assertEquals(List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96),
                AllowedEncryptionTypes.kerby());
        String conf = Krb5Conf.render("CORP.TEST");
        assertTrue(conf.contains("  permitted_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96\n"), conf);
        assertTrue(conf.contains("  default_tgs_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96\n"), conf);
        assertFalse(conf.contains("rc4"), conf);
        assertFalse(conf.contains("allow_weak_crypto"), conf);
    }

    @Test
    void rc4OnlyWhenAskedFor() {
        System.setProperty(AllowedEncryptionTypes.PROPERTY, "true");
        assertEquals(EncryptionType.ARCFOUR_HMAC, AllowedEncryptionTypes.kerby().get(2));
        String conf = Krb5Conf.render("CORP.TEST");
        assertTrue(conf.contains("  permitted_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 rc4-hmac\n"),
                conf);
        assertTrue(conf.contains("  allow_weak_crypto = true\n"), conf);
    }

    @Test
    void addressesAreToldFromNames() {
        assertTrue(HostNames.isAddress("10.0.0.5"));
        assertTrue(HostNames.isAddress("fe80::1"));
        assertFalse(HostNames.isAddress("hv02.corp.example"));
        assertFalse(HostNames.isAddress("hv02"));
        assertEquals("10.0.0.5", HostNames.hostOfSpn("cifs/10.0.0.5@CORP.TEST"));
        assertEquals("sql09.corp.test", HostNames.hostOfSpn("MSSQLSvc/sql09.corp.test:1433"));
        assertEquals("[fe80::1]", HostNames.hostOfSpn("cifs/[fe80::1]"));
    }
}
