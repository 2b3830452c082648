package kerbshell.cli;

import kerbshell.directory.ComputerNames;
import kerbshell.output.Progress;
import kerbshell.spn.SpnChangeReport;

import java.io.PrintWriter;

/**
 * What the shell tells the person at the terminal beside a command's result, on stderr: reminders after a
 * change, progress of a long scan (also for one command typed at the terminal). Scripts get neither.
 */
final class ShellNotes {
    private static final int PROGRESS_EVERY = 1000;

    private final Console console;
    private final LaunchContext launch;
    private final ComputerNames computerNames;

    ShellNotes(Console console, LaunchContext launch, ComputerNames computerNames) {
        this.console = console;
        this.launch = launch;
        this.computerNames = computerNames;
    }

    /** After a write: completion must see it, and the hosts must drop the tickets they cached before it. */
    void afterSpnChange(SpnChangeReport report) {
        if (!report.changed()) {
            return;
        }
        computerNames.invalidate();
        if (!launch.scripted()) {
            console.note("note: hosts cache Kerberos tickets; for the change to take effect on a host, purge its "
                    + "system tickets there (klist -li 0x3e7 purge) or run 'vmms restart HOST'");
        }
    }

    /** Progress for a person at the terminal: the shell, or one command typed there; never for a script or a pipe. */
    Progress progress(String what) {
        if (!launch.stdoutIsTerminal() || !launch.stdinIsTerminal() || launch.options().file() != null) {
            return Progress.NONE;
        }
        PrintWriter err = console.err();
        return new Progress() {
            @Override
            public void update(long done) {
                if (done % PROGRESS_EVERY == 0) {
                    err.print("\r" + done + " " + what + "...");
                    err.flush();
                }
            }

            @Override
            public void done() {
                err.print("\r\033[K");
                err.flush();
            }
        };
    }
}
