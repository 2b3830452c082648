package kerbshell.cli;

import kerbshell.directory.UserNames;
import kerbshell.error.KerbshellException;
import kerbshell.session.SessionManager;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Completes a word from names read when Tab is pressed: scenarios, recipes, profiles, or the directory's users.
 * Offers nothing, silently, when they cannot be read (no session, an unreadable config.yaml): the command itself
 * says what is wrong once it runs. The sources are the ones the commands read, so completion offers what they
 * accept.
 */
final class NameCompletion implements CompletionProvider {
    static final String SCENARIOS = "scenarioNameCompletion";
    static final String RECIPES = "recipeNameCompletion";
    static final String PROFILES = "profileNameCompletion";
    static final String USERS = "userNameCompletion";

    /** The names that may complete a word starting with the given prefix (may hold others; they are filtered). */
    private final Function<String, Collection<String>> names;

    NameCompletion(Function<String, Collection<String>> names) {
        this.names = names;
    }

    @Override
    public List<CompletionProposal> apply(CompletionContext context) {
        String prefix = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        try {
            return names.apply(prefix).stream().filter(n -> n.regionMatches(true, 0, prefix, 0, prefix.length()))
                    .map(CompletionProposal::new).toList();
        } catch (KerbshellException e) {
            return List.of();
        }
    }

    /**
     * The session's user accounts by sAMAccountName, or as {@code DOMAIN\name} when that is what is being typed
     * (connect --user LAB\al); nothing without a session.
     */
    static NameCompletion users(SessionManager sessions) {
        return new NameCompletion(prefix -> {
            int slash = prefix.indexOf('\\');
            String domain = slash < 0 ? "" : prefix.substring(0, slash + 1);
            return sessions.currentIfOpen().map(session -> UserNames.startingWith(session,
                    prefix.substring(domain.length())).stream().map(n -> domain + n).toList()).orElse(List.of());
        });
    }
}
