package kerbshell.cli;

import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session opened while the shell boots: when it starts, what it hands over, and what it leaves behind. */
class EarlySessionTest {
    @TempDir
    Path home;

    private LaunchContext launch(Map<String, String> env, String... args) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("KERBSHELL_HOME", home.resolve("kerbshell-home").toString());
        all.put("KERBSHELL_CONFIG", home.resolve("config.yaml").toString());
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new LaunchContext(LaunchOptions.parse(args), all, new ByteArrayInputStream(new byte[0]), sink, sink,
                false, false);
    }

    /** Logging as Boot has configured it: here there is no Boot, so it is ready at once. */
    private static EarlySession start(LaunchContext launch) {
        return EarlySession.start(launch, CompletableFuture.completedFuture(null));
    }

    @Test
    void theWorkWaitsUntilBootHasConfiguredLogging() throws Exception {
        CompletableFuture<Void> logging = new CompletableFuture<>();
        EarlySession early = EarlySession.start(launch(Map.of(), "status"), logging);
        Thread.sleep(500);
        assertThat(early.opened()).as("nothing started before logging is configured").isFalse();
        logging.complete(null);
        EarlySession.Opened opened = early.take();
        try {
            assertThat(opened.session().environment().isLab()).isTrue();
        } finally {
            opened.close();
        }
    }

    @Test
    void theLabStartsWhileTheShellBootsAndIsHandedOverOnce() throws Exception {
        EarlySession early = start(launch(Map.of(), "status"));
        assertThat(early.started()).isTrue();
        EarlySession.Opened opened = early.take();
        try {
            assertThat(opened.lab()).isNotNull();
            assertThat(opened.session().environment().isLab()).isTrue();
            assertThat(opened.session().domain().dnsDomain()).isEqualToIgnoringCase("lab.test");
            assertThat(early.started()).as("handed over once").isFalse();
        } finally {
            opened.close();
        }
    }

    @Test
    void commandsThatNeedNoSessionAndHelpStartNothing() {
        assertThat(start(launch(Map.of(), "explain", "0x80090303")).started()).isFalse();
        assertThat(start(launch(Map.of(), "completion", "bash")).started()).isFalse();
        assertThat(start(launch(Map.of(), "--help")).started()).isFalse();
        assertThat(start(launch(Map.of(), "--version")).started()).isFalse();
    }

    @Test
    void aDcWhosePasswordMayHaveToBeAskedIsLeftToTheBootstrap() {
        EarlySession early = start(launch(Map.of(), "--server", "127.0.0.1", "--domain", "corp.test",
                "--user", "alice", "status"));
        assertThat(early.started()).as("the password prompt comes after the boot").isFalse();
    }

    @Test
    void aFailureToConnectIsKeptAndThrownWhenTheSessionIsAskedFor() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EarlySession early = start(launch(Map.of("KERBSHELL_PASSWORD", "secret"), "--server",
                "127.0.0.1", "--port", String.valueOf(closedPort), "--domain", "corp.test", "--user", "alice",
                "--insecure-tls", "status"));
        assertThat(early.started()).isTrue();
        assertThatThrownBy(early::take).isInstanceOfSatisfying(KerbshellException.class,
                e -> assertThat(e.status()).isEqualTo(ExitStatus.UNREACHABLE))
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }

    @Test
    void aSessionNobodyTookIsClosedWithItsLab() throws Exception {
        EarlySession early = start(launch(Map.of(), "status"));
        EarlySession.Opened closed = early.discard().toCompletableFuture().get();
        assertThat(early.started()).isFalse();
        int port = closed.session().settings().effectivePort();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void theShellUsesTheEarlySessionEndToEnd() {
        KerbshellRun.Result run = KerbshellRun.in(home).args("--json", "status");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("\"lab\":true");
    }
}
