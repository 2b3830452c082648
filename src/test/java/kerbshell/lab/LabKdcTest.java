package kerbshell.lab;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import kerbshell.directory.Ad;
import kerbshell.error.KerbshellException;
import kerbshell.kerberos.KdcEndpoint;
import kerbshell.kerberos.KdcLogon;
import kerbshell.kerberos.ServiceTicketRequester;
import kerbshell.kerberos.ServiceTicketResult;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab KDC's rules for which principals get tickets, checked through a Kerberos client and through MIT tools. */
class LabKdcTest {
    private static final String HV01 = "CN=HV01,CN=Computers," + LabDirectory.BASE_DN;
    private static final String HV02 = "CN=HV02,CN=Computers," + LabDirectory.BASE_DN;
    private static final String ALICE = "CN=alice,CN=Users," + LabDirectory.BASE_DN;
    private static final String OPERATOR_PASSWORD = "LabOperator-2025!";

    private static LabDirectory lab;
    private static LabKdc kdc;
    private static ServiceTicketRequester requester;
    private static KdcLogon operator;

    @BeforeAll
    static void start() {
        lab = LabDirectory.start(0);
        kdc = LabKdc.start(lab, 0);
        requester = new ServiceTicketRequester(
                new KdcEndpoint(kdc.realm(), kdc.host(), kdc.port(), KdcEndpoint.Transport.TCP));
        operator = requester.logOn("operator", OPERATOR_PASSWORD.toCharArray());
    }

    @AfterEach
    void reset() {
        lab.reset();
    }

    @AfterAll
    static void stop() {
        kdc.close();
        lab.close();
    }

    @Test
    void hostSpnGetsATicket() {
        ServiceTicketResult result = operator.requestServiceTicket("HOST/hv01.lab.test");
        assertTrue(result.issued(), () -> "refused: " + result);
        assertEquals("HOST/hv01.lab.test@LAB.TEST", result.ticket().serverPrincipal());
    }

    @Test
    void spnsCompareWithoutCaseAsInAd() {
        assertIssued("host/HV01.LAB.TEST");
    }

    @Test
    void cifsGetsATicketThroughSpnMappingsToTheHostSpn() {
        assertIssued("cifs/hv01.lab.test");
        assertIssued("http/hv02.lab.test:8080");
    }

    @Test
    void spnMappingsAreReadFromTheDirectory() throws LDAPException {
        lab.system().modify("CN=Directory Service,CN=Windows NT,CN=Services," + LabDirectory.CONFIGURATION_DN,
                new Modification(ModificationType.REPLACE, Ad.SPN_MAPPINGS, "host=alerter,http"));
        assertRefusedAsUnknown("cifs/hv01.lab.test");
        assertIssued("http/hv01.lab.test");
    }

    @Test
    void mappedClassNeedsAHolderOfTheHostSpn() {
        assertRefusedAsUnknown("cifs/hv09.lab.test");
    }

    @Test
    void spnWithSpacesGetsATicket() {
        ServiceTicketResult result = operator.requestServiceTicket("Microsoft Virtual System Migration Service/HV02");
        assertTrue(result.issued(), () -> "refused: " + result);
        assertEquals("Microsoft Virtual System Migration Service/HV02@LAB.TEST", result.ticket().serverPrincipal());
    }

    @Test
    void spnNobodyHoldsIsUnknown() {
        assertRefusedAsUnknown("MSSQLSvc/sql01.lab.test:1433");
        assertRefusedAsUnknown("Microsoft Virtual System Migration Service/HV09");
    }

    @Test
    void spnHeldByTwoAccountsIsUnknown() throws LDAPException {
        // AD refuses such a write; replication between DCs can still leave it behind, so plant it past the rules.
        lab.system().modify(HV02, new Modification(ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME,
                "HOST/hv01.lab.test", "Microsoft Virtual System Migration Service/HV01"));
        assertRefusedAsUnknown("HOST/hv01.lab.test");
        assertRefusedAsUnknown("cifs/hv01.lab.test");
        assertRefusedAsUnknown("Microsoft Virtual System Migration Service/HV01");
        assertIssued("HOST/hv02.lab.test");
    }

    @Test
    void spnOfADisabledAccountIsUnknown() throws LDAPException {
        lab.system().modify(HV02, new Modification(ModificationType.REPLACE, Ad.USER_ACCOUNT_CONTROL,
                String.valueOf(Ad.UAC_WORKSTATION_TRUST_ACCOUNT | Ad.UAC_ACCOUNTDISABLE)));
        assertRefusedAsUnknown("HOST/hv02.lab.test");
        assertRefusedAsUnknown("cifs/hv02.lab.test");
        assertRefusedAsUnknown("Microsoft Virtual System Migration Service/HV02");
    }

    @Test
    void spnChangesShowInTheVeryNextRequest() throws LDAPException {
        assertIssued("Microsoft Virtual System Migration Service/hv01.lab.test");
        assertRefusedAsUnknown("http/web.lab.test/lab.test");
        try (LDAPConnection admin = admin()) {
            admin.modify(HV01, new Modification(ModificationType.DELETE, Ad.SERVICE_PRINCIPAL_NAME,
                    "Microsoft Virtual System Migration Service/hv01.lab.test"));
            admin.modify(ALICE, new Modification(ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME,
                    "http/web.lab.test/lab.test"));
        }
        assertRefusedAsUnknown("Microsoft Virtual System Migration Service/hv01.lab.test");
        assertIssued("http/web.lab.test/lab.test");
    }

    @Test
    void disabledUserGetsNoTicketGrantingTicket() throws LDAPException {
        requester.logOn("alice", "LabAlice-2025!".toCharArray());
        lab.system().modify(ALICE, new Modification(ModificationType.REPLACE, Ad.USER_ACCOUNT_CONTROL,
                String.valueOf(Ad.UAC_NORMAL_ACCOUNT | Ad.UAC_DONT_EXPIRE_PASSWORD | Ad.UAC_ACCOUNTDISABLE)));
        KerbshellException refused = assertThrows(KerbshellException.class,
                () -> requester.logOn("alice", "LabAlice-2025!".toCharArray()));
        assertTrue(refused.getMessage().contains("18 KDC_ERR_CLIENT_REVOKED"), refused.getMessage());
    }

    @Test
    void usersLogOnByAccountNameInAnyCase() {
        KdcLogon logon = requester.logOn("OPERATOR@lab.test", OPERATOR_PASSWORD.toCharArray());
        assertEquals("OPERATOR@LAB.TEST", logon.clientPrincipal());
        assertTrue(logon.requestServiceTicket("HOST/hv02.lab.test").issued());
    }

    @Test
    void computerAccountLogsOnWithItsSecret() {
        String secret = lab.secretOf(HV01);
        KdcLogon hv01 = requester.logOn("HV01$", secret.toCharArray());
        assertTrue(hv01.requestServiceTicket("cifs/hv02.lab.test").issued());
    }

    @Test
    void kerbyListsEveryLogonNameAndSpnOfTheDirectory() throws Exception {
        List<String> names = new LabKdcIdentities(lab, LabDirectory.REALM).names();
        assertTrue(names.contains("krbtgt/LAB.TEST@LAB.TEST"), names::toString);
        assertTrue(names.contains("alice@LAB.TEST"), names::toString);
        assertTrue(names.contains("Hyper-V Replica Service/HV02@LAB.TEST"), names::toString);
    }

    @Test
    void aTakenPortIsNamedInTheFailure() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LabKdc.HOST))) {
            KerbshellException failed = assertThrows(KerbshellException.class,
                    () -> LabKdc.start(lab, taken.getLocalPort()).close());
            assertTrue(failed.getMessage().startsWith("the lab KDC cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    failed.getMessage());
        }
    }

    @Test
    void mitKinitAndKvnoUseTheWrittenKrb5Conf(@TempDir Path dir) throws Exception {
        Path krb5Conf = kdc.writeKrb5Conf(dir.resolve("krb5.conf"));
        Path cache = dir.resolve("ccache");
        Tool kinit = run(krb5Conf, cache, OPERATOR_PASSWORD + "\n", "kinit", "operator@LAB.TEST");
        assertEquals(0, kinit.exit(), kinit::output);

        Tool kvno = run(krb5Conf, cache, "", "kvno", "HOST/hv01.lab.test",
                "Microsoft Virtual System Migration Service/HV02", "cifs/hv02.lab.test");
        assertEquals(0, kvno.exit(), kvno::output);
        String keyVersion = lab.system().getEntry(HV02, Ad.KEY_VERSION_NUMBER).getAttributeValue(Ad.KEY_VERSION_NUMBER);
        assertTrue(kvno.output().contains("Microsoft Virtual System Migration Service/HV02@LAB.TEST: kvno = "
                + keyVersion), kvno.output());

        Tool unknown = run(krb5Conf, cache, "", "kvno", "HOST/hv09.lab.test");
        assertFalse(unknown.exit() == 0, unknown::output);
        assertTrue(unknown.output().contains("Server HOST/hv09.lab.test@LAB.TEST not found in Kerberos database"),
                unknown.output());

        Tool wrongPassword = run(krb5Conf, dir.resolve("other"), "not-the-password\n", "kinit", "alice");
        assertFalse(wrongPassword.exit() == 0, wrongPassword::output);
        assertTrue(wrongPassword.output().contains("Password incorrect"), wrongPassword.output());
    }

    @Test
    void jdkKerberosUsesTheWrittenKrb5Conf(@TempDir Path dir) throws Exception {
        Path krb5Conf = kdc.writeKrb5Conf(dir.resolve("krb5.conf"));
        String previous = System.getProperty("java.security.krb5.conf");
        System.setProperty("java.security.krb5.conf", krb5Conf.toString());
        try {
            Subject subject = new Subject();
            LoginContext login = new LoginContext("lab", subject, callbacks -> {
                for (Callback callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName("operator@LAB.TEST");
                    } else if (callback instanceof PasswordCallback password) {
                        password.setPassword(OPERATOR_PASSWORD.toCharArray());
                    }
                }
            }, new Configuration() {
                @Override
                public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                    return new AppConfigurationEntry[] {new AppConfigurationEntry(
                            "com.sun.security.auth.module.Krb5LoginModule",
                            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                            Map.of("refreshKrb5Config", "true", "useTicketCache", "false", "storeKey", "false"))};
                }
            });
            login.login();
            Subject.doAs(subject, (PrivilegedExceptionAction<byte[]>) () -> {
                GSSManager manager = GSSManager.getInstance();
                Oid krb5 = new Oid("1.2.840.113554.1.2.2");
                GSSName service = manager.createName("Microsoft Virtual System Migration Service/HV01@LAB.TEST",
                        GSSName.NT_USER_NAME);
                GSSContext context = manager.createContext(service, krb5, null, GSSContext.DEFAULT_LIFETIME);
                try {
                    return context.initSecContext(new byte[0], 0, 0);
                } finally {
                    context.dispose();
                }
            });
            assertTrue(subject.getPrivateCredentials(KerberosTicket.class).stream()
                    .anyMatch(ticket -> ticket.getServer().getName()
                            .equals("Microsoft Virtual System Migration Service/HV01@LAB.TEST")),
                    () -> subject.getPrivateCredentials(KerberosTicket.class).toString());
            login.logout();
        } finally {
            if (previous == null) {
                System.clearProperty("java.security.krb5.conf");
            } else {
                System.setProperty("java.security.krb5.conf", previous);
            }
        }
    }

    private static void assertIssued(String spn) {
        ServiceTicketResult result = operator.requestServiceTicket(spn);
        assertTrue(result.issued(), () -> spn + " was refused: " + result);
    }

    private static void assertRefusedAsUnknown(String spn) {
        ServiceTicketResult result = operator.requestServiceTicket(spn);
        assertFalse(result.issued(), () -> spn + " was issued: " + result);
        assertEquals(7, result.errorCode(), result::toString);
        assertEquals("KDC_ERR_S_PRINCIPAL_UNKNOWN", result.errorName());
    }

    private static LDAPConnection admin() throws LDAPException {
        return new LDAPConnection("127.0.0.1", lab.ldapPort(), "Administrator@lab.test", LabDirectory.ADMIN_PASSWORD);
    }

    private record Tool(int exit, String output) {
    }

    private static Tool run(Path krb5Conf, Path cache, String stdin, String... command)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("KRB5_CONFIG", krb5Conf.toString());
        builder.environment().put("KRB5CCNAME", "FILE:" + cache);
        builder.environment().remove("KRB5_TRACE");
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish: " + output);
        }
        return new Tool(process.exitValue(), output);
    }
}
