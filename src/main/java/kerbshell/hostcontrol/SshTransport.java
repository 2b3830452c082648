package kerbshell.hostcontrol;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import kerbshell.cancel.CancelHooks;
import kerbshell.error.KerbshellException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs commands on a host through its OpenSSH server (Windows' own, "OpenSSH Server" optional feature), one exec
 * channel per command, with JSch. Public-key authentication only: a key file, or the SSH agent; the host's key must
 * be in known_hosts, or be new and explicitly accepted. Passwords are never used.
 *
 * <p>Each command is sent to the remote user's default shell (cmd.exe on Windows), and runs to completion before
 * the next one; the first that fails stops the run, as {@code &&} would.
 */
public final class SshTransport {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final long COMMAND_TIMEOUT_MILLIS = 120_000;
    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final RemoteAddress address;
    private final SshOptions options;
    private final Map<String, String> env;

    /** @param env the environment, for SSH_AUTH_SOCK */
    public SshTransport(RemoteAddress address, SshOptions options, Map<String, String> env) {
        this.address = address;
        this.options = options;
        this.env = env;
    }

    /** "admin@hv01.corp.example:22". */
    public String describe() {
        return options.user() + "@" + address;
    }

    public List<CommandRun> run(List<String> commands) {
        Session session = open();
        try (CancelHooks.Registration cancel = CancelHooks.onCancel(session::disconnect)) {
            List<CommandRun> runs = new ArrayList<>();
            boolean failed = false;
            for (String command : commands) {
                if (failed) {
                    runs.add(CommandRun.notRun(command));
                    continue;
                }
                CommandRun run = exec(session, command);
                runs.add(run);
                failed = run.failed();
            }
            return runs;
        } finally {
            session.disconnect();
        }
    }

    private Session open() {
        JSch jsch = new JSch();
        Path knownHosts = options.knownHosts() != null ? options.knownHosts() : home().resolve(".ssh/known_hosts");
        String strict = "yes";
        try {
            if (Files.exists(knownHosts)) {
                jsch.setKnownHosts(knownHosts.toString());
            } else if (options.acceptNewHostKey()) {
                Files.createDirectories(knownHosts.toAbsolutePath().getParent());
                Files.createFile(knownHosts);
                jsch.setKnownHosts(knownHosts.toString());
            } else {
                throw KerbshellException.failure("there is no known_hosts file at " + knownHosts + " to check the "
                        + "SSH host key of " + address + " against: give --known-hosts FILE, or --accept-new-host-key "
                        + "to trust and record the key the host presents");
            }
            if (options.acceptNewHostKey() && !knows(jsch.getHostKeyRepository(), knownHostsName())) {
                strict = "no"; // JSch then records the new key in known_hosts; a changed key is never accepted here
            }
            identities(jsch);
            Session session = jsch.getSession(options.user(), address.host(), address.port());
            session.setConfig("StrictHostKeyChecking", strict);
            session.setConfig("PreferredAuthentications", "publickey");
            session.setConfig("HashKnownHosts", "no");
            // Ctrl-C during the connect (a silent server keeps JSch in a blocking read): close the session.
            try (CancelHooks.Registration cancel = CancelHooks.onCancel(session::disconnect)) {
                session.connect(CONNECT_TIMEOUT_MILLIS);
            }
            return session;
        } catch (JSchException e) {
            throw connectFailure(e, knownHosts);
        } catch (IOException e) {
            throw KerbshellException.failure("cannot create " + knownHosts + " (" + e.getMessage() + ")", e);
        }
    }

    private void identities(JSch jsch) throws JSchException {
        if (options.identity() != null) {
            if (!Files.isReadable(options.identity())) {
                throw KerbshellException.usage("the SSH key " + options.identity() + " cannot be read; check the path "
                        + "and its permissions");
            }
            try {
                jsch.addIdentity(options.identity().toString());
            } catch (JSchException e) {
                throw KerbshellException.usage("the SSH key " + options.identity() + " is not a private key kerbshell "
                        + "can use (" + e.getMessage() + "); give an OpenSSH private key, or load an encrypted one into "
                        + "the SSH agent");
            }
            return;
        }
        String agentSocket = env.get("SSH_AUTH_SOCK");
        if (agentSocket != null && !agentSocket.isBlank()) {
            try {
                jsch.setIdentityRepository(new AgentIdentityRepository(new SSHAgentConnector(Path.of(agentSocket))));
                return;
            } catch (AgentProxyException e) {
                // no usable agent: fall back to the default key files, as ssh does
            }
        }
        boolean any = false;
        for (String name : DEFAULT_KEYS) {
            Path key = home().resolve(".ssh").resolve(name);
            if (Files.isReadable(key)) {
                jsch.addIdentity(key.toString());
                any = true;
            }
        }
        if (!any) {
            throw KerbshellException.usage("no SSH key to log on to " + address + " with: give --identity FILE, or "
                    + "run an SSH agent (SSH_AUTH_SOCK) holding your key");
        }
    }

    private CommandRun exec(Session session, String command) {
        ChannelExec channel = null;
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            channel.setInputStream(null);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            channel.setErrStream(err);
            InputStream in = channel.getInputStream();
            channel.connect(CONNECT_TIMEOUT_MILLIS);
            byte[] out = in.readAllBytes();
            long deadline = System.currentTimeMillis() + COMMAND_TIMEOUT_MILLIS;
            while (!channel.isClosed()) {
                if (System.currentTimeMillis() > deadline) {
                    throw KerbshellException.failure("'" + command + "' on " + address + " did not finish within "
                            + COMMAND_TIMEOUT_MILLIS / 1000 + " s; check the host");
                }
                Thread.sleep(20);
            }
            return CommandRun.ran(command, channel.getExitStatus(), text(out), text(err.toByteArray()));
        } catch (JSchException | IOException e) {
            throw KerbshellException.failure("the SSH connection to " + address + " failed while running '" + command
                    + "' (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KerbshellException.failure("interrupted while running '" + command + "' on " + address, e);
        } finally {
            if (channel != null) {
                channel.disconnect();
            }
        }
    }

    private KerbshellException connectFailure(JSchException e, Path knownHosts) {
        if (e instanceof JSchChangedHostKeyException) {
            return KerbshellException.failure("the SSH host key of " + address + " does not match the one recorded "
                    + "in " + knownHosts + ": someone may be intercepting the connection, or the host was "
                    + "reinstalled; check the host's key and, if it is right, remove the old entry with "
                    + "ssh-keygen -R '" + knownHostsName() + "' -f " + knownHosts, e);
        }
        if (e instanceof JSchUnknownHostKeyException) {
            return KerbshellException.failure("the SSH host key of " + address + " is not in " + knownHosts
                    + ": check the host's key fingerprint, then rerun with --accept-new-host-key to trust and "
                    + "record it", e);
        }
        Throwable cause = e.getCause();
        if (cause instanceof ConnectException) {
            return KerbshellException.failure("cannot connect to " + address + " over SSH: connection refused; "
                    + "check that the OpenSSH Server (sshd) runs on the host and the port is open", e);
        }
        if (cause instanceof UnknownHostException) {
            return KerbshellException.failure("cannot resolve " + address.host() + "; give its address with "
                    + "--address HOST[:PORT] or fix DNS", e);
        }
        if (cause instanceof SocketTimeoutException || cause instanceof NoRouteToHostException
                || String.valueOf(e.getMessage()).contains("timeout")) {
            return KerbshellException.failure("cannot reach " + address + " over SSH within "
                    + CONNECT_TIMEOUT_MILLIS / 1000 + " s; check the address and the firewall", e);
        }
        if (String.valueOf(e.getMessage()).startsWith("Auth fail")) {
            return KerbshellException.failure("the SSH server at " + address + " refused " + options.user()
                    + "'s key (" + e.getMessage() + "); check the user name (--ssh-user) and that the public key is "
                    + "in the host's authorized keys (administrators_authorized_keys for administrators)", e);
        }
        return KerbshellException.failure("cannot open an SSH session to " + address + " (" + e.getMessage() + ")",
                e);
    }

    private boolean knows(HostKeyRepository repository, String name) {
        HostKey[] keys = repository.getHostKey(name, null);
        return keys != null && keys.length > 0;
    }

    /** How known_hosts names the host: the name alone on port 22, [name]:port otherwise. */
    private String knownHostsName() {
        return address.port() == 22 ? address.host() : "[" + address.host() + "]:" + address.port();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }
}
