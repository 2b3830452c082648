package kerbshell.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import org.junit.jupiter.api.Test;

import javax.security.sasl.SaslException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The words for transport refusals no test bed produces: Kerberos aimed at an address the DC gave no name for, a DC
 * of Samba before 4.20, and the JDK's answer when a DC offers no sealing (kerbshell then signs). The refusals Samba
 * 4.22 does produce are worded in SambaLdapProtectionPinTest and SambaBadInputTest.
 */
class TransportFailureWordsTest {
    private static ConnectionSettings gssapi(String server, TlsMode tls) {
        return new ConnectionSettings(server, null, "corp.example", "alice", AuthMethod.GSSAPI, tls, null, false,
                null, null, null);
    }

    @Test
    void kerberosAimedAtAnAddressSaysItNeedsTheDnsName() {
        LDAPException e = new LDAPException(ResultCode.LOCAL_ERROR, "Unable to create the initial SASL client",
                new SaslException("GSS initiate failed", new RuntimeException("Server not found in Kerberos "
                        + "database (7)")));
        assertEquals("Kerberos needs the DC's DNS name, and 10.0.0.5 is an address the KDC has no ldap/ principal for "
                + "(the DC did not name itself in its rootDSE): connect with --server set to the DC's DNS name (the "
                + "dNSHostName of its computer account)",
                LdapFailures.onConnect(e, gssapi("10.0.0.5", TlsMode.LDAPS)).getMessage());
        assertEquals("the KDC has no ldap/ service principal for the DC: connect by the DC's DNS name",
                LdapFailures.onConnect(e, gssapi("dc1.corp.example", TlsMode.LDAPS)).getMessage());
    }

    @Test
    void aSambaBefore420NamesTheOptionThatWorks() {
        LDAPException e = new LDAPException(ResultCode.STRONG_AUTH_REQUIRED, "SASL:[GSSAPI]: Sign or Seal are "
                + "required.");
        assertEquals("dc1.corp.example:636 refuses a Kerberos bind inside TLS (Samba before 4.20 asks for SASL "
                + "signing there, which TLS rules out): use --tls none with --auth gssapi, which seals every message",
                LdapFailures.onConnect(e, gssapi("dc1.corp.example", TlsMode.LDAPS)).getMessage());
    }

    @Test
    void noCommonLayerIsToldFromOtherFailures() {
        assertTrue(GssapiLayers.noCommonLayer(new LDAPException(ResultCode.LOCAL_ERROR, "bind failed",
                new SaslException("No common protection layer between client and server"))));
        assertFalse(GssapiLayers.noCommonLayer(new LDAPException(ResultCode.INVALID_CREDENTIALS, "80090346")));
    }

    @Test
    void protectionWords() {
        assertEquals("LDAPS + channel binding", SessionProtection.ofGssapiInside(TlsMode.LDAPS).words());
        assertEquals("StartTLS + channel binding", SessionProtection.ofGssapiInside(TlsMode.STARTTLS).words());
        assertEquals("StartTLS", SessionProtection.ofSimpleBind(TlsMode.STARTTLS).words());
        assertEquals("GSSAPI signed", SessionProtection.GSSAPI_SIGNED.words());
    }
}
