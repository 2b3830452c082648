package kerbshell.diagnosis;

import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import kerbshell.output.TextOut;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every code form is found in the messages Hyper-V, Windows and Kerberos really print; the text says what to do. */
class ExplainServiceTest {
    private final ExplainService service = new ExplainService();

    @Test
    void sourceHostAuthenticationFailure() {
        assertIds("Failed to authenticate the connection at the source host: The specified target is unknown or "
                + "unreachable. (0x80090303)", "sec-e-target-unknown");
    }

    @Test
    void event20306WithNoCredentialsNamesTheDestination() {
        Explanation e = service.explain("The Virtual Machine Management Service failed to establish a connection "
                + "for a Virtual Machine migration with host 'HV02': No credentials are available in the security "
                + "package (0x8009030E).");
        assertEquals(List.of("vmms-20306", "sec-e-no-credentials"), ids(e));
        assertEquals("HV02", e.destinationHost());
        assertNull(e.sourceHost());
        assertTrue(e.codes().get(1).found().contains("0x8009030E"), e.codes().get(1).found().toString());
    }

    @Test
    void event21502NamesTheSourceAndIgnoresTheVirtualMachineId() {
        Explanation e = service.explain("Log Name: Microsoft-Windows-Hyper-V-VMMS-Admin Source: "
                + "Microsoft-Windows-Hyper-V-VMMS Event ID: 21502 Level: Error Description: Virtual machine migration "
                + "operation for 'VM1' failed at migration source 'HV01'. (Virtual machine ID "
                + "4B2E3C1D-5F6A-4B7C-8D9E-0A1B2C3D4E5F)");
        assertEquals(List.of("vmms-21502"), ids(e));
        assertEquals("HV01", e.sourceHost());
        assertEquals(List.of(), e.unknown(), "a GUID is no code");
    }

    @Test
    void wholeMigrationFailureFindsEveryCodeInReadingOrder() {
        Explanation e = service.explain("""
                Live migration of 'Virtual Machine VM1' failed.
                Virtual machine migration operation for 'VM1' failed at migration source 'HV01'. (Virtual machine ID 4B2E3C1D-5F6A-4B7C-8D9E-0A1B2C3D4E5F)
                The Virtual Machine Management Service failed to establish a connection for a Virtual Machine migration with host 'hv02.corp.example': No connection could be made because the target machine actively refused it. (0x8007274D)
                Failed to send data for a Virtual Machine migration: An existing connection was forcibly closed by the remote host. (0x80072746)
                """);
        assertEquals(List.of("vmms-21502", "vmms-20306", "wsaeconnrefused", "wsaeconnreset"), ids(e));
        assertEquals("HV01", e.sourceHost());
        assertEquals("hv02.corp.example", e.destinationHost());
    }

    @Test
    void ldapsearchRefusedForChannelBindingAsSamba422AndAdPrintIt() {
        // ldapsearch -Y GSSAPI over LDAPS against the test bed's Samba 4.22 (SambaLdapProtectionPinTest).
        assertIds("ldap_sasl_interactive_bind: Invalid credentials (49)\n\tadditional info: 80090346: LdapErr: "
                + "DSID-0C090711, comment: AcceptSecurityContext error, data 35b, v1db1", "sec-e-bad-bindings");
        assertIds("SEC_E_BAD_BINDINGS", "sec-e-bad-bindings");
    }

    @Test
    void ldapBindCredentialsRefusalWithItsDataCode() {
        assertIds("LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, "
                + "data 775, v4563", "sec-e-invalid-token");
    }

    @Test
    void strongerAuthRequiredAsSambaAndUnboundIdWordIt() {
        assertIds("ldap_bind: Strong(er) authentication required (8)\n\tadditional info: BindSimple: Transport "
                + "encryption required.", "ldap-stronger-auth-required");
        assertIds("result code 8 (strongerAuthRequired): SASL:[GSSAPI]: Sign or Seal are required.",
                "ldap-stronger-auth-required");
    }

    @Test
    void ldapSigningAndChannelBindingEvents() {
        assertIds("Log Name: Directory Service Source: Microsoft-Windows-ActiveDirectory_DomainService Event ID: 2889 "
                + "Task Category: LDAP Interface", "ds-event-2889");
        assertIds("Event ID: 2887", "ds-event-2887");
        assertIds("Event ID: 3039", "ds-event-3039");
        assertIds("event 3074", "ds-event-3074");
        assertIds("EventID 3075", "ds-event-3075");
    }

    @Test
    void kdcsvcRc4EventsFrom2026() {
        assertIds("Log Name: System Source: Kdcsvc Event ID: 202 Level: Warning The Key Distribution Center (KDC) "
                + "detected RC4 usage that will be unsupported", "kdcsvc-event-202-204");
        assertIds("Event ID: 209", "kdcsvc-event-207-209");
        assertIds("event 205", "kdcsvc-event-205");
        assertIds("Event ID: 201", "kdcsvc-event-201-203");
        assertIds("Event ID: 208", "kdcsvc-event-206-208");
    }

    @Test
    void ntstatusFromAnS4uRefusalsEdata() {
        assertIds("KDC_ERR_BADOPTION NTSTATUS 0xC0000272", "kdc-err-badoption", "status-no-match");
        assertIds("NT_STATUS_ACCOUNT_RESTRICTION", "status-account-restriction");
        assertIds("0xC00000BB", "status-not-supported");
        assertIds("STATUS_NOT_FOUND", "status-not-found");
    }

    @Test
    void hresultsWithoutPrefixInAnyCaseAndAsDecimals() {
        assertIds("0x8009030e", "sec-e-no-credentials");
        assertIds("8009030E", "sec-e-no-credentials");
        assertIds("error 80090322 while connecting", "sec-e-wrong-principal");
        assertIds("-2146893053", "sec-e-target-unknown");
        assertIds("2148074243", "sec-e-target-unknown");
        assertIds("hr = -2146893042.", "sec-e-no-credentials");
        assertIds("0x8009030e -2146893042 SEC_E_NO_CREDENTIALS", "sec-e-no-credentials");
        assertIds("Error code: 0x8009030C", "sec-e-logon-denied");
        assertIds("(0x80090311)", "sec-e-no-authenticating-authority");
        assertIds("There is a time and/or date difference between the client and server. (0x80090324)",
                "sec-e-time-skew");
        assertIds("The credentials supplied to the package were not recognized (0x8009030D).",
                "sec-e-unknown-credentials");
    }

    @Test
    void win32CodesInTheirHexDecimalAndLdapForms() {
        assertIds("Failed to create Planned Virtual Machine at migration destination: Logon failure: the user has "
                + "not been granted the requested logon type at this computer. (0x80070569)",
                "logon-type-not-granted");
        assertIds("0x8007274C", "wsaetimedout");
        assertIds("-2147014836", "wsaetimedout");
        assertIds("10061", "wsaeconnrefused");
        assertIds("Winsock error 10054", "wsaeconnreset");
        assertIds("8647", "spn-not-unique-in-forest");
        assertIds("0x21c7", "spn-not-unique-in-forest");
        assertIds("setspn failed with error 8647.", "spn-not-unique-in-forest");
        assertIds("0: 000021C7: DSID-03200BA6, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 90303 "
                + "(servicePrincipalName)", "spn-not-unique-in-forest");
        assertIds("Event ID 2974 from ActiveDirectory_DomainService", "spn-not-unique-in-forest");
    }

    @Test
    void eventIdsInTheirWritings() {
        assertIds("Event ID 20306", "vmms-20306");
        assertIds("event 21502", "vmms-21502");
        assertIds("EventID: 21024", "vmms-21024");
        assertIds("Hyper-V-VMMS Event ID:      14050 Failed to register service principal name.", "vmms-14050");
        assertIds("Id               : 16000", "vmms-16000");
        assertIds("KDC event 11", "kdc-event-11");
        assertIds("Kerberos event 4", "kerberos-event-4");
        assertIds("20306", "vmms-20306");
    }

    @Test
    void event16000IsShownAsUndefinedNotGuessed() {
        Explanation e = service.explain("event 16000");
        Explanation.Explained code = e.codes().get(0);
        assertTrue(code.title().contains("no public definition"), code.title());
        assertTrue(code.sources().isEmpty());
        assertTrue(render(e).contains("none: no public source defines it"), render(e));
    }

    @Test
    void kdcAndKerberosEventTexts() {
        assertIds("Log Name: System Source: Microsoft-Windows-Kerberos-Key-Distribution-Center Event ID: 11 "
                + "Description: The KDC encountered duplicate names while processing a Kerberos authentication "
                + "request. The duplicate name is cifs/hv02.corp.example (of type DS_SERVICE_PRINCIPAL_NAME).",
                "kdc-event-11");
        assertIds("The Kerberos client received a KRB_AP_ERR_MODIFIED error from the server HV01$. The target name "
                + "used was cifs/hv02.corp.example.", "kerberos-event-4");
    }

    @Test
    void kerberosNamesAndNumbers() {
        assertIds("KDC_ERR_S_PRINCIPAL_UNKNOWN", "kdc-err-s-principal-unknown");
        assertIds("kdc_err_badoption", "kdc-err-badoption");
        assertIds("KDC_ERR_ETYPE_NOTSUPP", "kdc-err-etype-nosupp");
        assertIds("KDC_ERR_ETYPE_NOSUPP", "kdc-err-etype-nosupp");
        assertIds("KDC_ERR_POLICY (12)", "kdc-err-policy");
        assertIds("KRB_AP_ERR_SKEW", "krb-ap-err-skew");
        assertIds("KDC_ERR_CLIENT_REVOKED", "kdc-err-client-revoked");
        assertIds("KDC_ERR_C_PRINCIPAL_UNKNOWN", "kdc-err-c-principal-unknown");
        assertIds("KRB_AP_ERR_BAD_INTEGRITY", "krb-ap-err-bad-integrity");
        assertIds("Kerberos error 13.", "kdc-err-badoption");
        assertIds("the KDC refused it: KDC error 0x18", "kdc-err-preauth-failed");
        assertIds("Kerberos pre-authentication failed. Failure Code: 0x18", "kdc-err-preauth-failed");
        assertIds("A Kerberos service ticket was requested. Failure Code: 0x7", "kdc-err-s-principal-unknown");
        assertIds("7", "kdc-err-s-principal-unknown");
        assertIds("37", "krb-ap-err-skew");
        assertIds("javax.security.auth.login.LoginException: Client not found in Kerberos database (6)",
                "kdc-err-c-principal-unknown");
        assertIds("kvno: KDC can't fulfill requested option while getting credentials for cifs/hv02",
                "kdc-err-badoption");
        assertIds("KrbException: Server not found in Kerberos database (7)", "kdc-err-s-principal-unknown");
        assertIds("Clock skew too great", "krb-ap-err-skew");
    }

    /** Hyper-V Replica's messages as Microsoft's troubleshooting guide (S64) and support blogs print them. */
    @Test
    void hyperVReplicaMessagesAndEvents() {
        assertIds("Hyper-V failed to authenticate the replica server using Kerberos authentication. Error: the "
                + "connection with the server was terminated abnormally (0x00002EFE).",
                "replica-kerberos-authentication", "winhttp-connection-error");
        assertIds("Hyper-V Replica Broker failed to register the service principal name: The user name or "
                + "password is incorrect. (0x8007052E).", "logon-failure-replica-broker");
        assertIds("Hyper-V failed to enable replication for virtual machine 'VM1': %%2148074243 (0x80090303). "
                + "(Virtual machine ID 1234)", "vmms-32000", "sec-e-target-unknown");
        assertIds("Event ID: 32022 Hyper-V could not replicate changes for virtual machine VM1", "vmms-32022");
        assertIds("Event ID: 32086", "vmms-32086");
        assertIds("event 29286", "vmms-29286");
        assertIds("0x2EFE", "winhttp-connection-error");
        assertIds("12030", "winhttp-connection-error");
        String text = render(service.explain("event 29286"));
        assertTrue(text.contains("does not guess"), text);
        String replica = render(service.explain("0x00002EFE"));
        assertTrue(replica.contains("check replica SOURCE DEST"), replica);
    }

    /** VM files on an SMB share reached from a remote console: event 13000 with access denied (S65). */
    @Test
    void filesOnSmbSharesAccessDenied() {
        assertIds("Log Name: Microsoft-Windows-Hyper-V-VMMS-Admin Event ID: 13000 General access denied error "
                + "(0x80070005).", "vmms-13000", "e-accessdenied");
        String text = render(service.explain("0x80070005"));
        assertTrue(text.contains("delegate rbcd DEST --allow SOURCE"), text);
        assertTrue(text.contains("check storage SOURCE \\\\DEST\\SHARE"), text);
    }

    @Test
    void unknownCodesAreNamedBesideKnownOnes() {
        Explanation e = service.explain("The parameter is incorrect. (0x80070057) then (0x80090303) and "
                + "KDC_ERR_KEY_EXPIRED, event 19999");
        assertEquals(List.of("sec-e-target-unknown"), ids(e));
        assertEquals(List.of("0x80070057", "KDC_ERR_KEY_EXPIRED", "event 19999"), e.unknown());
        assertTrue(render(e).contains("not in kerbshell's catalog: 0x80070057, KDC_ERR_KEY_EXPIRED, event 19999"));
    }

    @Test
    void nothingKnownIsAProblemNamingTheAcceptedInput() {
        for (String text : List.of("the migration failed", "0x80070057", "12345", "event 19999")) {
            KerbshellException e = assertThrows(KerbshellException.class, () -> service.explain(text));
            assertEquals(ExitStatus.PROBLEM, e.status(), text);
            assertTrue(e.getMessage().startsWith("nothing kerbshell knows was found in '"), e.getMessage());
            assertTrue(e.getMessage().contains("an event ID (event 20306)"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
        }
        KerbshellException unknown = assertThrows(KerbshellException.class, () -> service.explain("0x80070057"));
        assertTrue(unknown.getMessage().contains("found 0x80070057, which kerbshell does not explain"));
        assertEquals(ExitStatus.USAGE, assertThrows(KerbshellException.class, () -> service.explain("  ")).status());
    }

    @Test
    void textNamesCausesFixAndTheDetectingChecksWithTheHostsFilledIn() {
        String text = render(service.explain("Virtual machine migration operation for 'VM1' failed at migration "
                + "source 'HV01'. The Virtual Machine Management Service failed to establish a connection for a "
                + "Virtual Machine migration with host 'HV02': No credentials are available in the security "
                + "package (0x8009030E)."));
        assertTrue(text.startsWith("from the message: SOURCE = HV01, DEST = HV02"), text);
        assertTrue(text.contains("SEC_E_NO_CREDENTIALS (0x8009030E)"), text);
        assertTrue(text.contains("usual causes when moving VMs between Hyper-V hosts:\n    - Windows Server 2016 or "
                + "later, the move started remotely"), text);
        assertTrue(text.contains("fix:\n    1. The default on Windows Server 2016 and later, protocol transition"),
                "protocol transition is the first fix for 0x8009030E: " + text);
        assertTrue(text.contains("`delegate trust HV01 --to HV02`"), text);
        assertTrue(text.contains("detected by:\n    check pair HV01 HV02 --user USER\n    delegate show HV01\n"), text);
        assertTrue(text.contains("S35  Live Migration via Constrained Delegation with Kerberos in Windows Server "
                + "2016"), text);
    }

    @Test
    void withoutHostsThePlaceholdersStayAndAreExplained() {
        String text = render(service.explain("0x80090303"));
        assertTrue(text.startsWith("in the commands: SOURCE = the host the move starts from, DEST = its destination"),
                text);
        assertTrue(text.contains("    spn hyperv DEST\n    spn duplicates\n"), text);
        assertTrue(text.contains("`spn hyperv DEST --add`"), text);
    }

    @Test
    void aCodeFoundSeveralWaysIsExplainedOnce() {
        Explanation e = service.explain("SEC_E_TARGET_UNKNOWN 0x80090303 80090303 -2146893053 The specified target "
                + "is unknown or unreachable");
        assertEquals(List.of("sec-e-target-unknown"), ids(e));
        assertEquals(5, e.codes().get(0).found().size(), e.codes().get(0).found().toString());
    }

    private void assertIds(String text, String... expected) {
        assertEquals(List.of(expected), ids(service.explain(text)), text);
    }

    private static List<String> ids(Explanation e) {
        return e.codes().stream().map(Explanation.Explained::id).toList();
    }

    private static String render(Explanation e) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        e.renderText(new TextOut(out));
        out.flush();
        return text.toString();
    }
}
