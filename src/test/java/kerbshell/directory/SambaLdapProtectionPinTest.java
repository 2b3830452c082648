package kerbshell.directory;

import com.unboundid.ldap.sdk.GSSAPIBindRequest;
import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.GSSAPIChannelBindingType;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SASLQualityOfProtection;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import kerbshell.error.KerbshellException;
import kerbshell.kerberos.Krb5Conf;
import kerbshell.testbed.SambaTestBed;
import kerbshell.testbed.SambaTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins of what Samba 4.22's LDAP server enforces with its default {@code ldap server require strong auth = yes}
 * (docs/testbed.md, "What Samba 4.22 enforces"): a Kerberos bind inside TLS must carry the TLS channel binding, as
 * on an AD DC with LDAP channel binding "always" — refused otherwise with {@code 80090346 ... data 35b}, from the
 * real {@code ldapsearch} (which sends none) and from Java; without TLS a Kerberos bind needs a signing or sealing
 * layer. Each test fails, to be updated, when a Samba upgrade changes what it pins.
 */
@Tag("samba")
class SambaLdapProtectionPinTest {
    private static final String BAD_BINDINGS = "80090346: LdapErr: DSID-0C090711, comment: AcceptSecurityContext "
            + "error, data 35b";

    private static SambaTestBed bed;

    @BeforeAll
    static void startBed() {
        bed = SambaTestBed.get();
    }

    @Test
    void ldapsearchKerberosOverLdapsWithoutChannelBindingIsRefusedWithBadBindings() throws Exception {
        withAddressSpn(cache -> {
            Run run = ldapsearch(cache, "-H", "ldaps://" + bed.dcIp());
            assertEquals(49, run.exit(), run::toString);
            assertTrue(run.output().contains("Invalid credentials (49)"), run::toString);
            assertTrue(run.output().contains(BAD_BINDINGS), run::toString);
        });
    }

    @Test
    void ldapsearchKerberosOverStartTlsWithoutChannelBindingIsRefusedWithBadBindings() throws Exception {
        withAddressSpn(cache -> {
            Run run = ldapsearch(cache, "-H", "ldap://" + bed.dcIp(), "-ZZ");
            assertEquals(49, run.exit(), run::toString);
            assertTrue(run.output().contains(BAD_BINDINGS), run::toString);
        });
    }

    /** The control: the same ldapsearch, ticket and SPN bind without TLS (sealed), so the refusals are about TLS. */
    @Test
    void ldapsearchKerberosWithoutTlsBindsWithItsSealingLayer() throws Exception {
        withAddressSpn(cache -> {
            Run run = ldapsearch(cache, "-H", "ldap://" + bed.dcIp());
            assertEquals(0, run.exit(), run::toString);
            assertTrue(run.output().contains("dnsHostName: " + bed.dcHost()), run::toString);
        });
    }

    @Test
    void javaKerberosBindInsideLdapsWithoutChannelBindingIsRefused() throws Exception {
        try (LDAPConnection connection = ldaps()) {
            LDAPException refused = assertThrows(LDAPException.class,
                    () -> connection.bind(kerberos(SASLQualityOfProtection.AUTH, GSSAPIChannelBindingType.NONE)));
            assertEquals(ResultCode.INVALID_CREDENTIALS, refused.getResultCode());
            assertTrue(refused.getDiagnosticMessage().startsWith(BAD_BINDINGS), refused.getDiagnosticMessage());

            // What kerbshell says about this very refusal: one line naming the option that works.
            ConnectionSettings settings = new ConnectionSettings(bed.dcIp(), null, bed.domain(),
                    bed.operatorUser(), AuthMethod.GSSAPI, TlsMode.LDAPS, bed.caFile(), false, null, null, null);
            KerbshellException said = LdapFailures.onConnect(refused, settings);
            assertEquals(bed.dcIp() + ":636 refused the channel binding of this TLS connection (80090346, data "
                    + "35b): kerbshell binds the Kerberos logon to the DC's certificate, so TLS must end at the DC, "
                    + "not at a proxy or load balancer in between; connect to the DC itself, or use --tls none with "
                    + "--auth gssapi, which seals every message", said.getMessage());
        }
    }

    @Test
    void javaKerberosBindInsideLdapsWithChannelBindingIsAccepted() throws Exception {
        try (LDAPConnection connection = ldaps()) {
            assertEquals(ResultCode.SUCCESS, connection.bind(kerberos(SASLQualityOfProtection.AUTH,
                    GSSAPIChannelBindingType.TLS_SERVER_END_POINT)).getResultCode());
        }
    }

    @Test
    void javaKerberosBindInsideStartTlsWithoutChannelBindingIsRefused() throws Exception {
        try (LDAPConnection connection = new LDAPConnection(bed.dcIp(), bed.ldapPort())) {
            new StartTLSPostConnectProcessor(ssl().createSSLContext()).processPreAuthenticatedConnection(connection);
            LDAPException refused = assertThrows(LDAPException.class,
                    () -> connection.bind(kerberos(SASLQualityOfProtection.AUTH, GSSAPIChannelBindingType.NONE)));
            assertTrue(refused.getDiagnosticMessage().startsWith(BAD_BINDINGS), refused.getDiagnosticMessage());
        }
    }

    @Test
    void kerberosBindWithoutTlsNeedsASigningOrSealingLayer() throws Exception {
        try (LDAPConnection connection = new LDAPConnection(bed.dcIp(), bed.ldapPort())) {
            LDAPException refused = assertThrows(LDAPException.class,
                    () -> connection.bind(kerberos(SASLQualityOfProtection.AUTH, GSSAPIChannelBindingType.NONE)));
            assertEquals(ResultCode.STRONG_AUTH_REQUIRED, refused.getResultCode());
            assertEquals("SASL:[GSSAPI]: Sign or Seal are required.", refused.getDiagnosticMessage());
        }
        for (SASLQualityOfProtection layer : List.of(SASLQualityOfProtection.AUTH_INT,
                SASLQualityOfProtection.AUTH_CONF)) {
            try (LDAPConnection connection = new LDAPConnection(bed.dcIp(), bed.ldapPort())) {
                assertEquals(ResultCode.SUCCESS, connection.bind(kerberos(layer, GSSAPIChannelBindingType.NONE))
                        .getResultCode(), layer::toString);
            }
        }
    }

    /** LDAP "Who am I?" (RFC 4532): Samba 4.17 answered Protocol error (2); 4.22 answers as AD does. */
    @Test
    void whoAmIIsAnswered() throws Exception {
        try (LDAPConnection connection = ldaps()) {
            connection.bind(bed.adminDn(), bed.adminPassword());
            com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult result =
                    (com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult) connection.processExtendedOperation(
                            new com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest());
            assertEquals(ResultCode.SUCCESS, result.getResultCode());
            assertEquals("u:" + bed.netbios() + "\\" + bed.adminUser(), result.getAuthorizationID());
        }
    }

    private static SSLUtil ssl() throws Exception {
        return new SSLUtil(new PEMFileTrustManager(bed.caFile().toFile()));
    }

    private static LDAPConnection ldaps() throws Exception {
        return new LDAPConnection(ssl().createSSLSocketFactory(), bed.dcIp(), bed.ldapsPort());
    }

    private static GSSAPIBindRequest kerberos(SASLQualityOfProtection qop, GSSAPIChannelBindingType binding)
            throws LDAPException {
        Krb5Conf.useFor(bed.realm(), bed.dcIp(), bed.kdcPort());
        GSSAPIBindRequestProperties props = new GSSAPIBindRequestProperties(bed.operatorUser() + "@" + bed.realm(),
                bed.operatorPassword());
        props.setSASLClientServerName(bed.dcHost());
        props.setRefreshKrb5Config(true);
        props.setUseSubjectCredentialsOnly(true);
        props.setUseTicketCache(false);
        props.setAllowedQoP(qop);
        props.setChannelBindingType(binding);
        return new GSSAPIBindRequest(props);
    }

    // ---- ldapsearch -Y GSSAPI (OpenLDAP's client with Cyrus SASL, MIT Kerberos) ----------------------------------

    private interface CacheUse {
        void run(Path cache) throws Exception;
    }

    private record Run(int exit, String output) {
    }

    /**
     * ldapsearch names the service after the host in its URI, and the bed's DC is reached by address (its name is in
     * no DNS): the test gives DC1$ the SPN ldap/ADDRESS for the time of the test, and a ticket cache of operator's.
     */
    private static void withAddressSpn(CacheUse use) throws Exception {
        String spn = "ldap/" + bed.dcIp();
        String dc = bed.dcHost().substring(0, bed.dcHost().indexOf('.')).toUpperCase() + "$";
        SambaTool.run(bed, "spn", "add", spn, dc);
        Path dir = Files.createTempDirectory("kerbshell-ldapsearch-");
        try {
            Path cache = dir.resolve("operator.ccache");
            Run kinit = run(List.of("kinit", "-c", "FILE:" + cache, bed.operatorUser() + "@" + bed.realm()),
                    Map.of("KRB5_CONFIG", bed.krb5Conf().toString()), bed.operatorPassword() + "\n", dir);
            assertEquals(0, kinit.exit(), kinit::toString);
            use.run(cache);
        } finally {
            SambaTool.run(bed, "spn", "delete", spn, dc);
        }
    }

    private static Run ldapsearch(Path cache, String... where) throws Exception {
        List<String> command = new ArrayList<>(List.of("ldapsearch", "-Y", "GSSAPI", "-N", "-b", "", "-s", "base"));
        command.addAll(List.of(where));
        command.add("dnsHostName");
        return run(command, Map.of("KRB5_CONFIG", bed.krb5Conf().toString(), "KRB5CCNAME", "FILE:" + cache,
                "LDAPTLS_CACERT", bed.caFile().toString(), "LDAPTLS_REQCERT", "demand"), "", cache.getParent());
    }

    private static Run run(List<String> command, Map<String, String> env, String input, Path dir) throws Exception {
        Path out = Files.createTempFile(dir, "run-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(env);
        builder.environment().put("LDAPCONF", new File("/dev/null").getPath());
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), () -> command + " did not finish");
        return new Run(process.exitValue(), String.join(" ", command) + "\n" + Files.readString(out));
    }
}
