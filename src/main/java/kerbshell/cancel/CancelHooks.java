package kerbshell.cancel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Ctrl-C has to close for the command under way to stop where interrupting its thread does not: a socket
 * blocked in a TLS handshake (a socket read ignores interrupts), the WinRM client's HTTP exchange, the SSH session.
 * The code that opens such a thing registers it for as long as it may block, and the shell closes everything
 * registered when Ctrl-C comes; the blocked call then fails at once and the shell reports the cancellation.
 *
 * <p>One per JVM, because what blocks is not always on the command's thread (UnboundID creates the socket of a
 * connect on its own thread) and the interactive shell runs one command at a time. Registering does nothing
 * outside {@link #begin}/{@link #end} (a scripted run, a test calling a service directly), so nothing is kept
 * there. Thread-safe: Ctrl-C's handler runs on the signal thread.
 */
public final class CancelHooks {
    private static final Set<Registration> OPEN = ConcurrentHashMap.newKeySet();
    /** Commands under way: a recipe's steps are commands run inside the recipe's command. */
    private static int depth;

    private CancelHooks() {
    }

    /** Something a Ctrl-C closes: a socket, a client, a session. */
    @FunctionalInterface
    public interface Closer {
        void close() throws Exception;
    }

    /** Ctrl-C may cancel the command that starts now. */
    public static synchronized void begin() {
        if (depth++ == 0) {
            OPEN.clear();
        }
    }

    /** The command has ended: what it registered is its own business again. */
    public static synchronized void end() {
        if (depth > 0 && --depth == 0) {
            OPEN.clear();
        }
    }

    /** Closes {@code closer} on Ctrl-C until the returned registration is closed. */
    public static synchronized Registration onCancel(Closer closer) {
        Registration registration = new Registration(closer);
        if (depth > 0) {
            OPEN.add(registration);
        }
        return registration;
    }

    /** Ctrl-C: closes everything registered; a failure to close one does not keep the others open. */
    public static void cancelAll() {
        for (Registration registration : OPEN.toArray(Registration[]::new)) {
            OPEN.remove(registration);
            try {
                registration.closer.close();
            } catch (Exception e) {
                // it was being torn down anyway; the command reports the cancellation
            }
        }
    }

    /** A registered closer; closing the registration forgets it without running it. */
    public static final class Registration implements AutoCloseable {
        private final Closer closer;

        private Registration(Closer closer) {
            this.closer = closer;
        }

        @Override
        public void close() {
            OPEN.remove(this);
        }
    }
}
