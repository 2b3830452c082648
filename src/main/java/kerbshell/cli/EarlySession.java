package kerbshell.cli;

import kerbshell.config.PasswordSource;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectoryConnector;
import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.lab.LabDomain;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The launch's session, opened on a thread of its own while Spring boots the shell. Connecting to a DC (TCP, TLS
 * handshake, bind, rootDSE, whoami) or starting the lab takes a good part of a second, about as long as the boot,
 * and the boot leaves a core idle much of the time. It starts only when nothing has to be asked: a DC whose secret
 * comes from KERBSHELL_PASSWORD, a password file, a keytab or a ticket cache, or the lab; and only when the launch
 * needs a session at all. Otherwise {@link SessionBootstrap} opens the session after the boot, as before, and can
 * prompt for a password. A failure is kept and reported when the session is asked for, where it would have been
 * reported anyway.
 */
final class EarlySession {
    private static final EarlySession NONE = new EarlySession(null);

    /** The lab when it was started for this session (null for a DC), and the session. */
    record Opened(LabDomain lab, DirectorySession session) {
        void close() {
            session.close();
            if (lab != null) {
                lab.close();
            }
        }
    }

    private final CompletableFuture<Opened> opening;
    private boolean taken;

    private EarlySession(CompletableFuture<Opened> opening) {
        this.opening = opening;
    }

    /** Nothing opened early: the bootstrap opens the session itself. */
    static EarlySession none() {
        return NONE;
    }

    /**
     * Starts opening the session the launch asks for, when it can be opened without asking anything.
     *
     * @param loggingReady completed once Spring Boot has configured logging: the work waits for it, because the
     *                     lab's KDC sets its logger's level and Logback's context must not be changed from two
     *                     threads while Boot resets and configures it (that race ended launches with
     *                     ConcurrentModificationException)
     */
    static EarlySession start(LaunchContext launch, CompletionStage<?> loggingReady) {
        LaunchOptions options = launch.options();
        if (options.help() || options.version() || options.needsNoSession()) {
            return NONE;
        }
        return opening(launch, false).map(open -> begin(loggingReady, open)).orElse(NONE);
    }

    /**
     * The work that opens the session the launch asks for (the lab, or the DC it names), when it can be done
     * without asking anything; empty when the bootstrap has to do it after the boot (a password to prompt for,
     * or settings it reports as wrong in its usual words).
     *
     * @param searchesForest the command searches the forest first thing: a DC's Global Catalog is connected
     *                       while the session's own connection is
     */
    static Optional<Supplier<Opened>> opening(LaunchContext launch, boolean searchesForest) {
        LaunchOptions options = launch.options();
        if (!options.namesServer()) {
            return Optional.of(() -> {
                LabDomain lab = LabDomain.start(options.labLdapPort(), 0);
                try {
                    return new Opened(lab, lab.openSession(new DirectoryConnector()));
                } catch (RuntimeException e) {
                    lab.close();
                    throw e;
                }
            });
        }
        ConnectionSettings settings;
        try {
            settings = SessionBootstrap.settings(launch, options);
        } catch (KerbshellException e) {
            return Optional.empty();
        }
        PasswordSource passwords = new PasswordSource(options.passwordFile(), launch.env(), null);
        if (settings.needsPassword() && !passwords.answersWithoutAsking()) {
            return Optional.empty(); // the password may have to be asked on the terminal
        }
        DirectoryConnector connector = new DirectoryConnector();
        Supplier<char[]> password = passwords.forAccount(settings.bindName());
        return Optional.of(() -> new Opened(null, searchesForest ? connector.openSearchingForest(settings, password)
                : connector.open(settings, password)));
    }

    private static EarlySession begin(CompletionStage<?> loggingReady, Supplier<Opened> open) {
        CompletableFuture<Opened> opening = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                loggingReady.toCompletableFuture().join();
                opening.complete(open.get());
            } catch (Throwable failure) {
                opening.completeExceptionally(failure);
            }
        }, "kerbshell-early-session");
        thread.setDaemon(true);
        thread.start();
        return new EarlySession(opening);
    }

    /** Whether the session (or its failure) is there: for tests of when the work runs. */
    boolean opened() {
        return opening != null && opening.isDone();
    }

    boolean started() {
        return opening != null && !taken;
    }

    /**
     * Waits for the session and hands it over (once); throws what opening it threw. Interrupted (Ctrl-C), it
     * closes the session when it arrives, so nothing is left open.
     */
    Opened take() throws InterruptedException {
        taken = true;
        try {
            return opening.get();
        } catch (InterruptedException e) {
            opening.thenAccept(Opened::close);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Closes a session nobody took (the launch ended before it needed one) once it has opened; returns when
     * that is done, with what was closed (null when there was nothing to close).
     */
    java.util.concurrent.CompletionStage<Opened> discard() {
        if (opening == null || taken) {
            return CompletableFuture.completedFuture(null);
        }
        taken = true;
        return opening.thenApply(opened -> {
            opened.close();
            return opened;
        });
    }
}
