package kerbshell.hostcontrol;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.ap.ApReq;
import org.apache.kerby.kerberos.kerb.type.ap.Authenticator;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A WS-Management endpoint in the test JVM that answers the WinRM remote shell exchange the way a Windows host
 * does for {@code vmms restart}: Create (a cmd shell), then per command Command, Receive (the output, then
 * CommandState Done with the exit code), Signal (terminate), and finally Delete. It speaks HTTPS with a certificate
 * for hv01.lab.test and 127.0.0.1 made by keytool, and demands HTTP Negotiate/Kerberos like WinRM's default
 * listener: each request must carry a Kerberos AP-REQ whose ticket it decrypts with the service key of
 * {@code HTTP/hv01.lab.test} (derived from the lab account that holds that SPN, as the lab KDC derives it) and
 * whose authenticator it decrypts with the ticket's session key; anything else gets 401.
 *
 * <p>It records what the client sent: the SOAP actions in order, the command lines, and the client principal of
 * every authenticated request. What it does not check: message encryption (HTTPS carries plain SOAP, as WinRM over
 * HTTPS does), channel binding, and anything of WS-Management beyond this exchange.
 */
final class WsManEndpoint implements AutoCloseable {
    static final String SHELL_URI = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd";
    private static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    private static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    private static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    private static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    private static final String STORE_PASSWORD = "kerbshell-test";

    final Path caPem;
    final int port;
    final List<String> actions = Collections.synchronizedList(new ArrayList<>());
    final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    final List<String> clients = Collections.synchronizedList(new ArrayList<>());
    final List<String> rejected = Collections.synchronizedList(new ArrayList<>());
    private final HttpsServer server;
    private final String shellId = UUID.randomUUID().toString().toUpperCase();
    private final Map<String, Output> outputs = new HashMap<>();
    private volatile String serviceSecret;
    private volatile boolean restartFails;

    private record Output(String stdout, String stderr, int exitCode) {
    }

    private WsManEndpoint(Path caPem, HttpsServer server) {
        this.caPem = caPem;
        this.server = server;
        this.port = server.getAddress().getPort();
    }

    /** Starts on a free loopback port; keytool writes the certificate into {@code dir}. */
    static WsManEndpoint start(Path dir) throws Exception {
        Path store = dir.resolve("winrm.p12");
        Path caPem = dir.resolve("winrm-ca.pem");
        keytool("-genkeypair", "-alias", "winrm", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=hv01.lab.test", "-ext", "san=dns:hv01.lab.test,ip:127.0.0.1", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "winrm", "-keystore", store.toString(), "-storepass", STORE_PASSWORD,
                "-file", caPem.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        WsManEndpoint endpoint = new WsManEndpoint(caPem, server);
        server.createContext("/wsman", endpoint::handle);
        server.start();
        return endpoint;
    }

    /** The lab password of the account holding HTTP/hv01.lab.test, from which the service key is derived. */
    void serviceSecret(String secret) {
        this.serviceSecret = secret;
    }

    /** Makes Restart-Service fail as it does without the right to stop the service. */
    void restartFails(boolean fails) {
        this.restartFails = fails;
    }

    void clear() {
        actions.clear();
        commands.clear();
        clients.clear();
        rejected.clear();
        restartFails = false;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String client = null;
            if (authorization != null && authorization.startsWith("Negotiate ")) {
                try {
                    client = verify(Base64.getDecoder().decode(authorization.substring("Negotiate ".length())));
                } catch (Exception e) {
                    rejected.add(String.valueOf(e.getMessage()));
                }
            }
            if (client == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Negotiate");
                exchange.getResponseHeaders().add("WWW-Authenticate", "Kerberos");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            clients.add(client);
            byte[] answer = answer(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/soap+xml;charset=UTF-8");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (Exception e) {
            rejected.add("endpoint failure: " + e);
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /**
     * The client principal of a GSS-API krb5 initial context token (RFC 4121: [APPLICATION 0] { mech OID, token id
     * 01 00, AP-REQ }) whose ticket is for HTTP/hv01.lab.test and opens with this endpoint's service key.
     */
    private String verify(byte[] token) throws Exception {
        int at = 0;
        if ((token[at++] & 0xff) != 0x60) {
            throw new IllegalArgumentException("not a GSS-API initial context token");
        }
        int length = token[at++] & 0xff;
        if (length > 0x80) {
            at += length - 0x80;
        }
        if (token[at++] != 0x06) {
            throw new IllegalArgumentException("no mechanism OID");
        }
        int oidLength = token[at++];
        byte[] krb5 = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
        if (!Arrays.equals(Arrays.copyOfRange(token, at, at + oidLength), krb5)) {
            throw new IllegalArgumentException("not the Kerberos mechanism");
        }
        at += oidLength;
        if (token[at] != 0x01 || token[at + 1] != 0x00) {
            throw new IllegalArgumentException("not an AP-REQ token");
        }
        ApReq request = new ApReq();
        request.decode(Arrays.copyOfRange(token, at + 2, token.length));
        PrincipalName service = request.getTicket().getSname();
        if (!"HTTP/hv01.lab.test".equals(service.getName())) {
            throw new IllegalArgumentException("ticket for " + service.getName() + ", not HTTP/hv01.lab.test");
        }
        PrincipalName named = new PrincipalName(List.of("HTTP", "hv01.lab.test"), NameType.NT_PRINCIPAL);
        named.setRealm("LAB.TEST");
        EncryptedData sealed = request.getTicket().getEncryptedEncPart();
        EncryptionKey serviceKey = EncryptionHandler.string2Key(serviceSecret, PrincipalName.makeSalt(named), null,
                sealed.getEType());
        EncTicketPart ticket = KrbCodec.decode(EncryptionHandler.decrypt(sealed, serviceKey,
                KeyUsage.KDC_REP_TICKET), EncTicketPart.class);
        Authenticator authenticator = KrbCodec.decode(EncryptionHandler.decrypt(request.getEncryptedAuthenticator(),
                ticket.getKey(), KeyUsage.AP_REQ_AUTH), Authenticator.class);
        if (!authenticator.getCname().getName().equals(ticket.getCname().getName())) {
            throw new IllegalArgumentException("authenticator for " + authenticator.getCname().getName()
                    + ", ticket for " + ticket.getCname().getName());
        }
        return ticket.getCname().getName() + "@" + ticket.getCrealm();
    }

    private synchronized String answer(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document request = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        String action = text(request, ADDRESSING, "Action");
        String messageId = text(request, ADDRESSING, "MessageID");
        String resource = text(request, WSMAN, "ResourceURI");
        if (!SHELL_URI.equals(resource)) {
            throw new IllegalArgumentException("resource " + resource);
        }
        String verb = action.substring(action.lastIndexOf('/') + 1);
        actions.add(verb);
        return switch (verb) {
            case "Create" -> envelope(TRANSFER + "/CreateResponse", messageId, "<x:ResourceCreated><a:Address>https://"
                    + "hv01.lab.test:5986/wsman</a:Address><a:ReferenceParameters><w:ResourceURI>" + SHELL_URI
                    + "</w:ResourceURI><w:SelectorSet><w:Selector Name=\"ShellId\">" + shellId + "</w:Selector>"
                    + "</w:SelectorSet></a:ReferenceParameters></x:ResourceCreated><rsp:Shell><rsp:ShellId>" + shellId
                    + "</rsp:ShellId><rsp:ResourceUri>" + SHELL_URI + "</rsp:ResourceUri><rsp:Owner>LAB\\Administrator"
                    + "</rsp:Owner><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr"
                    + "</rsp:OutputStreams></rsp:Shell>");
            case "Command" -> {
                requireShell(request);
                String command = text(request, SHELL, "Command");
                commands.add(command);
                String id = UUID.randomUUID().toString().toUpperCase();
                outputs.put(id, run(command));
                yield envelope(SHELL + "/CommandResponse", messageId, "<rsp:CommandResponse><rsp:CommandId>" + id
                        + "</rsp:CommandId></rsp:CommandResponse>");
            }
            case "Receive" -> {
                requireShell(request);
                String id = ((Element) request.getElementsByTagNameNS(SHELL, "DesiredStream").item(0))
                        .getAttributeNS(SHELL, "CommandId");
                Output output = outputs.get(id);
                if (output == null) {
                    throw new IllegalArgumentException("Receive for unknown command " + id);
                }
                yield envelope(SHELL + "/ReceiveResponse", messageId, "<rsp:ReceiveResponse>"
                        + stream("stdout", id, output.stdout) + stream("stderr", id, output.stderr)
                        + "<rsp:Stream Name=\"stdout\" CommandId=\"" + id + "\" End=\"true\"/>"
                        + "<rsp:Stream Name=\"stderr\" CommandId=\"" + id + "\" End=\"true\"/>"
                        + "<rsp:CommandState CommandId=\"" + id + "\" State=\"" + SHELL + "/CommandState/Done\">"
                        + "<rsp:ExitCode>" + output.exitCode + "</rsp:ExitCode></rsp:CommandState>"
                        + "</rsp:ReceiveResponse>");
            }
            case "Signal" -> {
                requireShell(request);
                String code = text(request, SHELL, "Code");
                if (!code.endsWith("/signal/terminate")) {
                    throw new IllegalArgumentException("signal " + code);
                }
                yield envelope(SHELL + "/SignalResponse", messageId, "<rsp:SignalResponse/>");
            }
            case "Delete" -> {
                requireShell(request);
                yield envelope(TRANSFER + "/DeleteResponse", messageId, "");
            }
            default -> throw new IllegalArgumentException("action " + action);
        };
    }

    /** What the host answers to each command kerbshell sends. */
    private Output run(String command) {
        if (command.equals("klist -li 0x3e7 purge")) {
            return new Output("\r\nCurrent LogonId is 0:0x3e7\r\nTargeted LogonId is 0:0x3e7\r\n"
                    + "\tDeleting all tickets:\r\n\tTicket(s) purged!\r\n", "", 0);
        }
        if (command.startsWith("powershell ") && command.contains("Restart-Service -Name vmms -Force")) {
            return restartFails
                    ? new Output("", "Restart-Service : Service 'Hyper-V Virtual Machine Management (vmms)' cannot be "
                    + "stopped due to the following error: Cannot open vmms service on computer '.'.\r\n", 1)
                    : new Output("WARNING: Waiting for service 'Hyper-V Virtual Machine Management (vmms)' to "
                    + "stop...\r\n", "", 0);
        }
        return new Output("", "'" + command + "' is not recognized as an internal or external command,\r\n", 1);
    }

    private void requireShell(Document request) {
        NodeList selectors = request.getElementsByTagNameNS(WSMAN, "Selector");
        for (int i = 0; i < selectors.getLength(); i++) {
            Element selector = (Element) selectors.item(i);
            if ("ShellId".equals(selector.getAttribute("Name")) && shellId.equals(selector.getTextContent())) {
                return;
            }
        }
        throw new IllegalArgumentException("request without ShellId " + shellId);
    }

    private static String stream(String name, String id, String text) {
        return text.isEmpty() ? "" : "<rsp:Stream Name=\"" + name + "\" CommandId=\"" + id + "\">"
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "</rsp:Stream>";
    }

    private static String text(Document document, String namespace, String name) {
        NodeList nodes = document.getElementsByTagNameNS(namespace, name);
        if (nodes.getLength() == 0) {
            throw new IllegalArgumentException("no " + name);
        }
        return nodes.item(0).getTextContent().trim();
    }

    private static String envelope(String action, String relatesTo, String body) {
        return "<s:Envelope xml:lang=\"en-US\" xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\""
                + ADDRESSING + "\" xmlns:x=\"" + TRANSFER + "\" xmlns:w=\"" + WSMAN + "\" xmlns:rsp=\"" + SHELL
                + "\" xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd\"><s:Header><a:Action>" + action
                + "</a:Action><a:MessageID>uuid:" + UUID.randomUUID().toString().toUpperCase() + "</a:MessageID>"
                + "<a:To>" + ADDRESSING + "/role/anonymous</a:To><a:RelatesTo>" + relatesTo + "</a:RelatesTo>"
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
