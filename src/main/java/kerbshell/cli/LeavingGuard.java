package kerbshell.cli;

import com.unboundid.ldap.sdk.LDAPException;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapChange;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What ending the shell would lose, asked about before Ctrl-D or {@code exit} ends it: the lab's changes since it
 * started or was last reset (the lab lives in this process). Counts them by watching every write to a lab
 * session on its way to the journal.
 */
final class LeavingGuard {
    private final AtomicInteger labWrites = new AtomicInteger();
    private final Confirmation confirmation;

    LeavingGuard(Confirmation confirmation) {
        this.confirmation = confirmation;
    }

    /** The journal's observer for a session, counting its writes when the session is on the lab. */
    DirectorySession.WriteObserver watching(DirectorySession session, DirectorySession.WriteObserver journal) {
        if (!session.environment().inProcess()) {
            return journal;
        }
        return new DirectorySession.WriteObserver() {
            @Override
            public List<String> beforeWrite(DirectorySession on, LdapChange change) throws LDAPException {
                return journal.beforeWrite(on, change);
            }

            @Override
            public void afterWrite(List<String> records, boolean written) {
                journal.afterWrite(records, written);
                if (written) {
                    labWrites.incrementAndGet();
                }
            }
        };
    }

    /** The lab is back to its seeded state (lab reset) or gone (lab stop): nothing left to lose. */
    void labReset() {
        labWrites.set(0);
    }

    /** Whether the shell may end now: nothing to lose, or the person at the terminal said so. */
    boolean mayLeave() {
        int writes = labWrites.get();
        if (writes == 0) {
            return true;
        }
        return confirmation.ask("the lab has " + writes + " change(s) from this session, and the lab ends with "
                + "the shell", "Leave anyway?");
    }
}
