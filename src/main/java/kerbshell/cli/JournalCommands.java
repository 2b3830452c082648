package kerbshell.cli;

import kerbshell.error.KerbshellException;
import kerbshell.journal.Journal;
import kerbshell.journal.JournalEntry;
import kerbshell.journal.JournalListing;
import kerbshell.journal.UndoReport;
import kerbshell.journal.UndoService;
import kerbshell.session.SessionManager;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

import java.util.List;

/** journal and undo: every write recorded before it is made, and taken back exactly. */
@Command(group = "Journal")
public class JournalCommands {
    private final Journal journal;
    private final SessionManager sessions;

    JournalCommands(Journal journal, SessionManager sessions) {
        this.journal = journal;
        this.sessions = sessions;
    }

    @Example(value = "journal", says = "Lists every recorded change: who changed what, where, by which command.")
    @Example(value = "journal --tail 5", says = "Shows the last five changes.")
    @Command(command = "journal", description = "List the recorded changes: who changed what, in which domain "
            + "through which DC, by which command or recipe run, with the values added and removed and each write's "
            + "outcome (writes whose answer was lost are read back first).")
    JournalListing journal(@Option(longNames = "run", label = "RUN-ID",
            description = "Only the changes of this recipe run.")
                           String run,
                           @Option(longNames = "tail", label = "N", defaultValue = "0",
                                   description = "Only the newest N changes (0 for all).") int tail) {
        sessions.currentIfOpen().ifPresent(journal::resolvePending);
        Journal.Contents contents = journal.read();
        List<JournalEntry> entries = contents.entries().stream()
                .filter(e -> run == null || run.equals(e.run())).toList();
        if (tail > 0 && entries.size() > tail) {
            entries = entries.subList(entries.size() - tail, entries.size());
        }
        return new JournalListing(journal.file().toString(), entries, contents.damagedLines(),
                contents.sideFile().toString());
    }

    @Example(value = "undo --last",
            says = "Takes back the last command's changes, unless someone changed the values since.",
            after = "spn add HV01 http/web.lab.test")
    @Command(command = "undo", description = "Take back a recorded change, a recipe run or the last command's "
            + "changes, newest first; refuses where the value has changed since.")
    UndoReport undo(@Option(description = "The journal entry id to undo.") String entry,
                    @Option(longNames = "run", label = "RUN-ID",
                            description = "Undo every change of this recipe run ('last' for the most "
                            + "recent run).") String run,
                    @Option(longNames = "last", description = "Undo the last command that made changes.")
                    boolean last) {
        int chosen = (entry != null ? 1 : 0) + (run != null ? 1 : 0) + (last ? 1 : 0);
        if (chosen != 1) {
            throw KerbshellException.usage("say what to undo: an ENTRY id, --run RUN-ID or --last (one of them)");
        }
        UndoService undo = new UndoService(sessions.current(), journal);
        if (entry != null) {
            return undo.undoEntry(entry);
        }
        return run != null ? undo.undoRun(run) : undo.undoLast();
    }
}
