package kerbshell.cli;

import kerbshell.cancel.CancelHooks;
import kerbshell.error.KerbshellException;
import org.jline.utils.Signals;

/**
 * Ctrl-C while a command runs at the prompt: the command's thread is interrupted, which ends an LDAP wait at
 * once (the connection works asynchronously; a late answer is dropped), and what it registered with
 * {@link CancelHooks} is closed (a socket in its TLS handshake, the WinRM HTTP exchange, the SSH session), which
 * ends the waits an interrupt does not reach; the shell returns to the prompt with one line. A scripted run keeps
 * the default: Ctrl-C ends it.
 */
final class Cancellation {
    private final boolean interactive;
    private volatile boolean cancelled;

    Cancellation(boolean interactive) {
        this.interactive = interactive;
    }

    /** Runs the command; when Ctrl-C stopped it, throws one line saying so instead of the command's failure. */
    Object run(Work command) throws Throwable {
        if (!interactive) {
            return command.call();
        }
        Thread thread = Thread.currentThread();
        cancelled = false;
        CancelHooks.begin();
        Object previous = Signals.register("INT", () -> {
            cancelled = true;
            CancelHooks.cancelAll(); // what an interrupt does not reach: a TLS handshake, a WinRM call, SSH
            thread.interrupt();
        });
        try {
            Object result = command.call();
            if (cancelled) {
                throw interrupted();
            }
            return result;
        } catch (Throwable failure) {
            if (cancelled) {
                throw interrupted();
            }
            throw failure;
        } finally {
            CancelHooks.end();
            Signals.unregister("INT", previous);
            Thread.interrupted();
        }
    }

    /** A command's work, which may throw anything. */
    interface Work {
        Object call() throws Throwable;
    }

    private static KerbshellException interrupted() {
        return KerbshellException.failure("cancelled (Ctrl-C): the command was stopped; a write it had sent may "
                + "have been applied, see 'journal'");
    }
}
