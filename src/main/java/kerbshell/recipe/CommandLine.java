package kerbshell.recipe;

import kerbshell.error.KerbshellException;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

import java.util.List;

/**
 * A kerbshell command line split into words the way the interactive shell splits what is typed (quotes group,
 * backslashes escape), for lines that come from files: command files, recipes, scenarios.
 */
public final class CommandLine {
    private CommandLine() {
    }

    /** The line's words; unbalanced quotes are a usage error naming the line. */
    public static List<String> words(String line) {
        try {
            // ACCEPT_LINE: as when Enter is pressed, so an open quote is an error, not a line still being typed.
            return new DefaultParser().eofOnUnclosedQuote(true)
                    .parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words().stream()
                    .filter(w -> !w.isEmpty()).toList();
        } catch (EOFError e) {
            throw KerbshellException.usage("unbalanced quotes in: " + line);
        }
    }
}
