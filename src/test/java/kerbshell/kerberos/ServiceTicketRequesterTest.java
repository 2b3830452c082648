package kerbshell.kerberos;

import kerbshell.error.KerbshellException;
import kerbshell.kerberos.KdcSaltProbe.AnnouncedSalt;
import kerbshell.lab.LabDirectory;
import kerbshell.lab.LabKdc;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.EtypeInfo2;
import org.apache.kerby.kerberos.kerb.type.base.EtypeInfo2Entry;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.MethodData;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.AsReq;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the requester reports from a KDC's answers, against the lab KDC. */
class ServiceTicketRequesterTest {
    private static final String OPERATOR_PASSWORD = "LabOperator-2025!";

    private static LabDirectory lab;
    private static LabKdc kdc;
    private static ServiceTicketRequester requester;

    @BeforeAll
    static void start() {
        lab = LabDirectory.start(0);
        kdc = LabKdc.start(lab, 0);
        requester = new ServiceTicketRequester(KdcEndpoint.parse("lab.test", kdc.host() + ":" + kdc.port()));
    }

    @AfterAll
    static void stop() {
        kdc.close();
        lab.close();
    }

    @Test
    void issuedTicketCarriesWhatTheKdcWroteIntoIt() {
        Instant before = Instant.now();
        ServiceTicketResult result = requester.request("operator", OPERATOR_PASSWORD.toCharArray(),
                "HOST/hv01.lab.test");

        assertTrue(result.issued(), result::toString);
        assertEquals("HOST/hv01.lab.test", result.spn());
        assertNull(result.errorCode());
        assertNull(result.errorName());
        IssuedTicket ticket = result.ticket();
        assertEquals("operator@LAB.TEST", ticket.clientPrincipal());
        assertEquals("HOST/hv01.lab.test@LAB.TEST", ticket.serverPrincipal());
        assertEquals("aes256-cts-hmac-sha1-96", ticket.ticketEncryptionType());
        assertEquals("aes256-cts-hmac-sha1-96", ticket.sessionKeyType());
        assertTrue(ticket.forwardable(), ticket.flags()::toString);
        assertTrue(ticket.flags().contains("pre-authent"), ticket.flags()::toString);
        assertTrue(ticket.endTime().isAfter(before.plus(Duration.ofHours(1))), ticket.endTime()::toString);
        assertTrue(ticket.endTime().isBefore(before.plus(Duration.ofHours(25))), ticket.endTime()::toString);
    }

    @Test
    void refusalCarriesTheKdcsCodeItsNameAndAPlainSentence() {
        ServiceTicketResult result = requester.request("operator", OPERATOR_PASSWORD.toCharArray(),
                "Microsoft Virtual System Migration Service/HV07");

        assertFalse(result.issued());
        assertEquals(7, result.errorCode());
        assertEquals("KDC_ERR_S_PRINCIPAL_UNKNOWN", result.errorName());
        assertEquals("the KDC has no single enabled account holding Microsoft Virtual System Migration Service/HV07: "
                + "no account holds it, more than one does, or its holder is disabled", result.explanation());
        assertNull(result.ticket());
    }

    @Test
    void oneLogonServesSeveralRequests() {
        KdcLogon logon = requester.logOn("operator@LAB.TEST", OPERATOR_PASSWORD.toCharArray());
        assertTrue(logon.tgtEndTime().isAfter(Instant.now()));
        assertTrue(logon.requestServiceTicket("cifs/hv02.lab.test").issued());
        assertTrue(logon.requestServiceTicket("Microsoft Virtual System Migration Service/hv02.lab.test@LAB.TEST")
                .issued());
        assertEquals(7, logon.requestServiceTicket("cifs/hv09.lab.test").errorCode());
    }

    @Test
    void wrongPasswordIsOneMessage() {
        KerbshellException refused = assertThrows(KerbshellException.class,
                () -> requester.logOn("operator", "LabOperator-2024!".toCharArray()));
        assertEquals("wrong password for operator@LAB.TEST", refused.getMessage());
    }

    @Test
    void unknownClientIsNamed() {
        KerbshellException refused = assertThrows(KerbshellException.class,
                () -> requester.logOn("mallory", "whatever".toCharArray()));
        assertEquals("the KDC at " + kdc.host() + ":" + kdc.port() + " refused to log mallory@LAB.TEST on: "
                + "6 KDC_ERR_C_PRINCIPAL_UNKNOWN, the KDC knows no account named mallory@LAB.TEST",
                refused.getMessage());
    }

    @Test
    void unreachableKdcIsNamedByHostAndPort() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ServiceTicketRequester nowhere = new ServiceTicketRequester(
                KdcEndpoint.parse("LAB.TEST", "127.0.0.1:" + closedPort));
        KerbshellException refused = assertThrows(KerbshellException.class,
                () -> nowhere.logOn("operator", OPERATOR_PASSWORD.toCharArray()));
        assertTrue(refused.getMessage().startsWith("the KDC at 127.0.0.1:" + closedPort + " cannot be reached"),
                refused.getMessage());
    }

    @Test
    void udpReachesTheLabKdcToo() {
        ServiceTicketRequester overUdp = new ServiceTicketRequester(
                requester.kdc().withTransport(KdcEndpoint.Transport.UDP));
        assertTrue(overUdp.request("operator", OPERATOR_PASSWORD.toCharArray(), "HOST/hv02.lab.test").issued());
    }

    @Test
    void keytabMadeByMitKtutilLogsOn(@TempDir Path dir) throws Exception {
        Path keytab = ktutil(dir, "operator@LAB.TEST", OPERATOR_PASSWORD);
        KdcLogon logon = requester.logOn("operator", keytab);
        assertTrue(logon.requestServiceTicket("HOST/hv02.lab.test").issued());

        Path stale = ktutil(dir, "alice@LAB.TEST", "an-old-password");
        KerbshellException refused = assertThrows(KerbshellException.class, () -> requester.logOn("alice", stale));
        assertTrue(refused.getMessage().startsWith("the keytab " + stale + " holds a key for alice@LAB.TEST that the "
                + "KDC rejects"), refused.getMessage());
    }

    @Test
    void endpointsParseLikeKrb5ConfKdcLines() {
        assertEquals(new KdcEndpoint("CORP.TEST", "dc1.corp.test", 88, KdcEndpoint.Transport.TCP),
                KdcEndpoint.parse("corp.test", "dc1.corp.test"));
        assertEquals("[::1]:750", KdcEndpoint.parse("CORP.TEST", "[::1]:750").address());
        assertEquals(2, assertThrows(KerbshellException.class,
                () -> KdcEndpoint.parse("CORP.TEST", "dc1:kerberos")).status().code());
    }

    @Test
    void saltProbeReadsTheSaltAnAdKdcAnnounces() throws Exception {
        // Kerby's KDC announces no salt, so a scripted KDC gives AD's answer to an AS-REQ without pre-authentication
        // for a computer account: PREAUTH_REQUIRED whose ETYPE-INFO2 salts with "host" + the DNS name.
        try (ServerSocket scripted = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<AsReq> asked = CompletableFuture.supplyAsync(() -> answerPreauthRequired(scripted,
                    "CORP.TESThosthv01.corp.test"));
            KdcEndpoint endpoint = KdcEndpoint.parse("CORP.TEST", "127.0.0.1:" + scripted.getLocalPort());

            Map<EncryptionType, AnnouncedSalt> salts = KdcSaltProbe.ask(endpoint, new PrincipalName("hv01$@CORP.TEST"),
                    List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96), 5000);

            assertEquals("CORP.TESThosthv01.corp.test", salts.get(EncryptionType.AES256_CTS_HMAC_SHA1_96).salt());
            AsReq request = asked.get(5, TimeUnit.SECONDS);
            assertEquals("hv01$", request.getReqBody().getCname().getName());
            assertTrue(request.getPaData() == null || request.getPaData().isEmpty(), "no logon attempt");
        }
    }

    private static AsReq answerPreauthRequired(ServerSocket scripted, String salt) {
        try (Socket client = scripted.accept()) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            byte[] message = new byte[in.readInt()];
            in.readFully(message);
            AsReq request = (AsReq) KrbCodec.decodeMessage(ByteBuffer.wrap(message));

            EtypeInfo2Entry entry = new EtypeInfo2Entry();
            entry.setEtype(EncryptionType.AES256_CTS_HMAC_SHA1_96);
            entry.setSalt(salt);
            EtypeInfo2 info = new EtypeInfo2();
            info.add(entry);
            MethodData hints = new MethodData();
            hints.add(new PaDataEntry(PaDataType.ETYPE_INFO2, KrbCodec.encode(info)));
            KrbError error = new KrbError();
            error.setStime(KerberosTime.now());
            error.setSusec(0);
            error.setErrorCode(KrbErrorCode.KDC_ERR_PREAUTH_REQUIRED);
            error.setRealm("CORP.TEST");
            error.setSname(request.getReqBody().getSname());
            error.setEdata(KrbCodec.encode(hints));
            byte[] answer = KrbCodec.encode(error);
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            out.writeInt(answer.length);
            out.write(answer);
            out.flush();
            return request;
        } catch (IOException | KrbException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path ktutil(Path dir, String principal, String password) throws IOException, InterruptedException {
        Path keytab = dir.resolve(principal.replace('@', '_') + ".keytab");
        Process process = new ProcessBuilder("ktutil").redirectErrorStream(true).start();
        process.getOutputStream().write(("addent -password -p " + principal + " -k 1 -e aes256-cts-hmac-sha1-96\n"
                + password + "\nwkt " + keytab + "\nq\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0, output);
        return keytab;
    }
}
