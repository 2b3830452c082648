package kerbshell.cli;

import kerbshell.error.KerbshellException;
import org.jline.utils.Signals;

/**
 * Ctrl-C while a command runs at the prompt: the command's thread is interrupted, which ends an LDAP wait at
 * once (the connection works asynchronously; a late answer is dropped), an SSH channel wait and a connect in
 * progress, and the shell returns to the prompt with one line. A scripted run keeps the default: Ctrl-C ends it.
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
        Object previous = Signals.register("INT", () -> {
            cancelled = true;
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
