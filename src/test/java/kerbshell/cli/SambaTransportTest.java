package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.output.Json;
import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way kerbshell protects and authenticates a session, against the Samba AD DC: what the lab, which speaks
 * plain LDAP with simple binds only, cannot prove. Each case runs the real launcher and reads back what
 * {@code status --json} says the DC accepted.
 */
@Tag("samba")
class SambaTransportTest {
    private static SambaTestBed bed;

    @TempDir
    Path home;

    @BeforeAll
    static void startBed() {
        bed = SambaTestBed.get();
    }

    private String ldapsVerified() {
        return "LDAPS, certificate verified against " + bed.caFile();
    }

    @Test
    void ldapsWithTheCaFileAndThePasswordFromTheEnvironment() throws Exception {
        JsonNode status = status(KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.operatorPassword()),
                SambaLaunch.as(bed, bed.operatorUser()));
        assertEquals(bed.dcIp(), status.get("server").asText());
        assertEquals(636, status.get("port").asInt());
        assertEquals("simple", status.get("auth").asText());
        assertEquals(ldapsVerified(), status.get("transport").asText());
        assertTrue(status.get("tlsLibrary").asText().startsWith("BoringSSL (Conscrypt 2."), status.toString());
        assertEquals("LDAPS", status.get("protection").asText(), "a simple bind has no Kerberos to bind to TLS");
        assertEquals("operator (user)", status.get("boundIdentity").asText());
    }

    @Test
    void ldapsWithThePasswordFromAProtectedFile() throws Exception {
        Path file = home.resolve("alice.pw");
        Files.writeString(file, bed.alicePassword() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        JsonNode status = status(KerbshellRun.in(home),
                SambaLaunch.as(bed, "alice").with("--password-file", file.toString()));
        assertEquals("alice (user)", status.get("boundIdentity").asText());
        assertEquals(ldapsVerified(), status.get("transport").asText());
    }

    @Test
    void startTlsOnTheLdapPort() throws Exception {
        JsonNode status = status(KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.operatorPassword()),
                SambaLaunch.as(bed, bed.operatorUser()).with("--tls", "starttls"));
        assertEquals(389, status.get("port").asInt());
        assertEquals("StartTLS, certificate verified against " + bed.caFile(), status.get("transport").asText());
        assertEquals("operator (user)", status.get("boundIdentity").asText());
    }

    @Test
    void gssapiWithThePasswordOverLdaps() throws Exception {
        JsonNode status = status(KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.operatorPassword()),
                SambaLaunch.as(bed, bed.operatorUser()).with("--auth", "gssapi"));
        assertEquals("gssapi", status.get("auth").asText());
        assertEquals(ldapsVerified(), status.get("transport").asText());
        assertEquals("LDAPS + channel binding", status.get("protection").asText());
        assertEquals("operator (user)", status.get("boundIdentity").asText());
    }

    @Test
    void gssapiWithThePasswordOverStartTls() throws Exception {
        JsonNode status = status(KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.operatorPassword()),
                SambaLaunch.as(bed, bed.operatorUser()).with("--auth", "gssapi", "--tls", "starttls"));
        assertEquals("gssapi", status.get("auth").asText());
        assertEquals("StartTLS, certificate verified against " + bed.caFile(), status.get("transport").asText());
        assertEquals("StartTLS + channel binding", status.get("protection").asText());
    }

    @Test
    void gssapiWithThePasswordSealsEveryMessageWithoutTls() throws Exception {
        JsonNode status = status(KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.operatorPassword()),
                SambaLaunch.as(bed, bed.operatorUser()).with("--auth", "gssapi", "--tls", "none"));
        assertEquals(389, status.get("port").asInt());
        assertEquals("none", status.get("transport").asText());
        assertEquals("GSSAPI sealed", status.get("protection").asText());
        assertEquals("operator (user)", status.get("boundIdentity").asText());
    }

    @Test
    void statusSaysWhatProtectsTheSessionInText() throws Exception {
        KerbshellRun.Result result = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.operatorPassword())
                .args(SambaLaunch.as(bed, bed.operatorUser()).with("--auth", "gssapi").then("status"));
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().lines().anyMatch(l -> l.matches("protection:\\s+LDAPS \\+ channel binding")),
                result::toString);
    }

    @Test
    void gssapiWithAKeytabNeedsNoPassword() throws Exception {
        JsonNode status = status(KerbshellRun.in(home),
                SambaLaunch.as(bed, bed.operatorUser()).with("--auth", "gssapi", "--keytab",
                        bed.operatorKeytab().toString()));
        assertEquals("gssapi", status.get("auth").asText());
        assertEquals("operator (user)", status.get("boundIdentity").asText());
    }

    @Test
    void gssapiWithATicketCacheGivenByOption() throws Exception {
        Path cache = aliceTicketCache();
        JsonNode status = status(KerbshellRun.in(home),
                SambaLaunch.as(bed, "alice").with("--auth", "gssapi", "--ccache", cache.toString()));
        assertEquals("alice (user)", status.get("boundIdentity").asText());
    }

    @Test
    void gssapiWithTheTicketCacheNamedByKrb5ccname() throws Exception {
        Path cache = aliceTicketCache();
        JsonNode status = status(KerbshellRun.in(home).env("KRB5CCNAME", "FILE:" + cache),
                SambaLaunch.as(bed, "alice").with("--auth", "gssapi"));
        assertEquals("alice (user)", status.get("boundIdentity").asText());
        assertEquals("gssapi", status.get("auth").asText());
    }

    @Test
    void aTicketCacheOfAnotherUserIsRefusedNamingBoth() throws Exception {
        Path cache = aliceTicketCache();
        KerbshellRun.Result run = KerbshellRun.in(home).args(SambaLaunch.as(bed, bed.operatorUser())
                .with("--auth", "gssapi", "--ccache", cache.toString()).then("status"));
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("error: the ticket cache " + cache + " holds credentials of alice@" + bed.realm() + ", not of "
                + "--user operator (operator@" + bed.realm() + "): the DC would authenticate alice@" + bed.realm()
                + "; give --user alice, leave --user out, or give that user's own file", run.stderr().strip());
        assertEquals("", run.stdout(), "nothing ran as the wrong name");
    }

    @Test
    void aTicketCacheWithoutUserIsUsedUnderItsOwnName() throws Exception {
        Path cache = aliceTicketCache();
        KerbshellRun.Result run = KerbshellRun.in(home).args("--server", bed.dcIp(), "--ca-file",
                bed.caFile().toString(), "--auth", "gssapi", "--ccache", cache.toString(), "status", "--json");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode status = Json.mapper().readTree(run.stdout());
        assertEquals("alice (user)", status.get("boundIdentity").asText(), "the domain comes from the realm too");
        assertEquals(bed.domain(), status.get("domain").asText());
    }

    /** Runs {@code status --json} and returns the document, after checking the run was clean. */
    private static JsonNode status(KerbshellRun run, SambaLaunch launch) throws IOException {
        KerbshellRun.Result result = run.args(launch.then("status", "--json"));
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr(), result::toString);
        JsonNode status = Json.mapper().readTree(result.stdout());
        assertEquals(bed.domain(), status.get("domain").asText());
        assertEquals(bed.dcHost(), status.get("dcHostName").asText());
        return status;
    }

    /** A ticket cache holding alice's TGT, made by MIT kinit with the test bed's krb5.conf. */
    private Path aliceTicketCache() throws IOException, InterruptedException {
        Path cache = home.resolve("alice.ccache");
        ProcessBuilder builder = new ProcessBuilder("kinit", "-c", "FILE:" + cache, "alice@" + bed.realm())
                .redirectErrorStream(true).redirectOutput(home.resolve("kinit.out").toFile());
        builder.environment().put("KRB5_CONFIG", bed.krb5Conf().toString());
        Process kinit = builder.start();
        kinit.getOutputStream().write((bed.alicePassword() + "\n").getBytes(StandardCharsets.UTF_8));
        kinit.getOutputStream().close();
        assertTrue(kinit.waitFor(30, TimeUnit.SECONDS), "kinit did not finish");
        assertEquals(0, kinit.exitValue(), () -> "kinit failed: " + read(home.resolve("kinit.out")));
        return cache;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
