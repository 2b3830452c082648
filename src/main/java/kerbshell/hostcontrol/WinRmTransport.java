package kerbshell.hostcontrol;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.ShellCommand;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientBuilder;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import kerbshell.cancel.CancelHooks;
import kerbshell.directory.CaFileTrust;
import kerbshell.error.KerbshellException;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.transport.http.HTTPConduitConfigurer;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduit;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduitFactory;
import org.apache.http.client.config.AuthSchemes;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs commands on a Windows host through WinRM (WS-Management): creates a cmd shell, runs each command in it
 * (Command, then Receive until it is done, then Signal terminate), and deletes the shell, with the winrm4j library.
 * It authenticates with the session's Kerberos identity to the host's {@code HTTP/<dNSHostName>} service.
 *
 * <p>HTTPS only. A WinRM HTTP listener (5985) accepts Kerberos only with WinRM's message encryption
 * (GSS_Wrap of every SOAP body, "multipart/encrypted" with {@code application/HTTP-Kerberos-session-encrypted});
 * winrm4j implements that for NTLM and not for Kerberos, and kerbshell does not hand-write it, so an HTTP run is
 * refused with that reason rather than sending commands a default-configured host would refuse anyway
 * ({@code AllowUnencrypted=false}).
 */
public final class WinRmTransport {
    public static final int HTTPS_PORT = 5986;
    public static final int HTTP_PORT = 5985;
    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final long OPERATION_TIMEOUT_MILLIS = 60_000;
    private static final Pattern KDC_CODE = Pattern.compile("\\((\\d+)\\)");
    /** CXF logs through java.util.logging at INFO; JUL holds loggers weakly, so the configured one is kept here. */
    private static final Logger CXF_LOG = Logger.getLogger("org.apache.cxf");

    static {
        CXF_LOG.setLevel(Level.OFF); // failures are reported as kerbshell errors, not CXF stack traces
    }

    private final RemoteAddress address;
    private final String spnHost;
    private final WinRmOptions options;
    private final String principal;
    private final Supplier<GSSCredential> logOn;

    /**
     * @param spnHost the host's DNS name: the service ticket is for {@code HTTP/spnHost}, whatever address is used
     * @param logOn   the session's Kerberos logon, called once per run
     */
    public WinRmTransport(RemoteAddress address, String spnHost, WinRmOptions options, String principal,
                          Supplier<GSSCredential> logOn) {
        this.address = address;
        this.spnHost = spnHost;
        this.options = options;
        this.principal = principal;
        this.logOn = logOn;
    }

    public String url() {
        return (options.https() ? "https://" : "http://") + address + "/wsman";
    }

    /** "https://hv01.corp.example:5986/wsman as admin@CORP.EXAMPLE (Kerberos to HTTP/hv01.corp.example)". */
    public String describe() {
        return url() + " as " + principal + " (Kerberos to HTTP/" + spnHost + ")";
    }

    public List<CommandRun> run(List<String> commands) {
        if (!options.https()) {
            throw KerbshellException.failure("WinRM over HTTP (" + url() + ") needs Kerberos message encryption, "
                    + "which winrm4j, the WinRM library kerbshell uses, does not implement: use the HTTPS listener "
                    + "(the default, port " + HTTPS_PORT + "), or --via ssh, or --via print");
        }
        String realm = principal.substring(principal.lastIndexOf('@') + 1);
        KerberosHttpAuth auth = new KerberosHttpAuth(logOn.get(), "HTTP/" + spnHost + "@" + realm);
        requireTicket(auth);
        Bus bus = BusFactory.newInstance().createBus();
        bus.getProperties().put(AsyncHTTPConduit.USE_ASYNC, Boolean.TRUE);
        bus.getProperties().put(AsyncHTTPConduitFactory.USE_POLICY, AsyncHTTPConduitFactory.UseAsyncPolicy.ALWAYS);
        bus.getOutInterceptors().add(auth.interceptor());
        if (options.caFile() != null) {
            TLSClientParameters tls = new TLSClientParameters();
            tls.setTrustManagers(trusting(options.caFile()));
            bus.setExtension((HTTPConduitConfigurer) (name, address, conduit) -> conduit.setTlsClientParameters(tls),
                    HTTPConduitConfigurer.class);
        }
        WinRmClientContext context = WinRmClientContext.newInstance(bus);
        WinRmClientBuilder builder = WinRmClient.builder(url())
                .authenticationScheme(AuthSchemes.KERBEROS)
                .credentials(principal, "") // a placeholder winrm4j requires; the interceptor's credential is used
                .targetAuthSchemes(List.of(AuthSchemes.SPNEGO, AuthSchemes.KERBEROS))
                .payloadEncryptionMode(PayloadEncryptionMode.OFF) // TLS protects the messages
                .connectionTimeout(CONNECT_TIMEOUT_MILLIS)
                .operationTimeout(OPERATION_TIMEOUT_MILLIS)
                .retriesForConnectionFailures(0)
                .context(context);
        // The exchange runs on a thread of its own, which this one waits for: CXF's wait for an answer does not
        // end on an interrupt, so Ctrl-C interrupts the wait here and shuts the bus down, which closes its
        // connections, instead of leaving the shell in a call a silent host never answers.
        FutureTask<List<CommandRun>> exchange = new FutureTask<>(() -> {
            BusFactory.setThreadDefaultBus(bus);
            try (WinRmClient client = builder.build()) {
                return runAll(client, commands);
            }
        });
        Thread worker = new Thread(exchange, "kerbshell-winrm");
        worker.setDaemon(true);
        boolean finished = false;
        try (CancelHooks.Registration cancel = CancelHooks.onCancel(() -> bus.shutdown(false))) {
            worker.start();
            List<CommandRun> runs = exchange.get();
            finished = true;
            return runs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KerbshellException.failure("the WinRM call to " + url() + " was abandoned: interrupted", e);
        } catch (ExecutionException e) {
            finished = true;
            if (e.getCause() instanceof KerbshellException known) {
                throw known;
            }
            if (e.getCause() instanceof RuntimeException failed) {
                throw failure(failed);
            }
            throw KerbshellException.failure("WinRM at " + url() + " failed: " + e.getCause(), e.getCause());
        } finally {
            if (!finished) {
                worker.interrupt();
            }
            bus.shutdown(finished);
        }
    }

    private List<CommandRun> runAll(WinRmClient client, List<String> commands) {
        List<CommandRun> runs = new ArrayList<>();
        try (ShellCommand shell = client.createShell()) {
            boolean failed = false;
            for (String command : commands) {
                if (failed) {
                    runs.add(CommandRun.notRun(command));
                    continue;
                }
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int status = shell.execute(command, out, err);
                CommandRun run = CommandRun.ran(command, status, out.toString(), err.toString());
                runs.add(run);
                failed = run.failed();
            }
        }
        return runs;
    }

    /** Asks for the service ticket before connecting, so that a KDC refusal is reported as the KDC gave it. */
    private void requireTicket(KerberosHttpAuth auth) {
        try {
            auth.initialToken();
        } catch (GSSException e) {
            String message = e.getMessage();
            Matcher code = KDC_CODE.matcher(String.valueOf(message));
            String why = code.find() && code.group(1).equals("7")
                    ? "the KDC finds no single account holding HTTP/" + spnHost + ", WinRM's SPN (missing, or "
                    + "held by two accounts; AD covers it with the host's own HOST/" + spnHost + "): look with "
                    + "'spn find HTTP/" + spnHost + "' and 'spn list " + spnHost + "'"
                    : "check the host name and that the session's account may log on";
            throw KerbshellException.failure("the KDC gave " + principal + " no ticket for " + auth.spn() + " ("
                    + message + "); " + why, e);
        }
    }

    private KerbshellException failure(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return KerbshellException.failure("cannot connect to " + url() + ": connection refused; check that "
                        + "the host has a WinRM HTTPS listener (winrm quickconfig -transport:https) and that port "
                        + address.port() + " is open", e);
            }
            if (cause instanceof UnknownHostException) {
                return KerbshellException.failure("cannot resolve " + address.host() + "; give its address with "
                        + "--address HOST[:PORT] or fix DNS", e);
            }
            if (cause instanceof SocketTimeoutException) {
                return KerbshellException.failure("no answer from " + url() + " in time (" + cause.getMessage()
                        + "); check the address, the firewall and the WinRM service", e);
            }
            if (cause instanceof SSLException || cause instanceof CertificateException) {
                return KerbshellException.failure("the TLS connection to " + url() + " failed (" + cause.getMessage()
                        + "); if the listener's certificate is issued by your own CA, give it with --ca-file FILE, "
                        + "and connect by the name the certificate carries", e);
            }
        }
        String message = deepest(e);
        if (message.contains("401") || message.contains("Authorization loop")) {
            return KerbshellException.failure("the WinRM service at " + url() + " refused the Kerberos "
                    + "authentication of " + principal + " (HTTP 401): check that " + principal + " is an "
                    + "administrator of the host, and that HTTP/" + spnHost + " belongs to the host's own account", e);
        }
        return KerbshellException.failure("WinRM at " + url() + " failed: " + message, e);
    }

    private static String deepest(Throwable e) {
        String message = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return String.valueOf(message);
    }

    /** Trust managers that trust exactly the PEM certificates in {@code caFile}. */
    static TrustManager[] trusting(Path caFile) {
        return new TrustManager[]{CaFileTrust.of(caFile)};
    }
}
