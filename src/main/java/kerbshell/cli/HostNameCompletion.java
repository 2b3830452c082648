package kerbshell.cli;

import kerbshell.directory.ComputerNames;
import kerbshell.error.KerbshellException;
import kerbshell.session.SessionManager;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

import java.util.List;

/** Completes host names from the connected directory; offers nothing, silently, when there is no session. */
final class HostNameCompletion implements CompletionProvider {
    static final String NAME = "hostNameCompletion";

    private final SessionManager sessions;
    private final ComputerNames names;

    HostNameCompletion(SessionManager sessions, ComputerNames names) {
        this.sessions = sessions;
        this.names = names;
    }

    @Override
    public List<CompletionProposal> apply(CompletionContext context) {
        String prefix = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        try {
            return sessions.currentIfOpen()
                    .map(session -> names.of(session).stream()
                            .filter(n -> n.regionMatches(true, 0, prefix, 0, prefix.length()))
                            .map(CompletionProposal::new).toList())
                    .orElse(List.of());
        } catch (KerbshellException e) {
            return List.of();
        }
    }
}
