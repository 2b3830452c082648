package kerbshell.recipe;

import kerbshell.error.KerbshellException;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one way a kerbshell command line is split into words, at the prompt and in files (command files, recipes,
 * scenarios): quotes group words; a backslash is an ordinary character, so {@code LAB\Administrator} stays as
 * typed; and a command that takes free text ({@code explain}) gets the rest of its line word by word with quotes
 * and apostrophes kept, so a pasted message is never an unclosed quote.
 */
public final class CommandLine {
    /** Commands whose one argument is the rest of the line as text. */
    private static final Set<String> FREE_TEXT_COMMANDS = Set.of("explain");

    private CommandLine() {
    }

    /** The line's words; unbalanced quotes are a usage error naming the line. */
    public static List<String> words(String line) {
        try {
            // ACCEPT_LINE: as when Enter is pressed, so an open quote is an error, not a line still being typed.
            return parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words().stream()
                    .filter(w -> !w.isEmpty()).toList();
        } catch (EOFError e) {
            throw KerbshellException.usage("unbalanced quotes in: " + line);
        }
    }

    /** Splits a line for the interactive line reader too; an open quote there asks for the line's rest. */
    public static ParsedLine parse(String line, int cursor, Parser.ParseContext context) {
        DefaultParser parser = new DefaultParser().escapeChars(null);
        parser.setEofOnUnclosedQuote(true);
        if (takesRestOfLine(firstWord(line))) {
            parser.quoteChars(new char[0]);
        }
        return parser.parse(line, cursor, context);
    }

    /** Whether the command takes the rest of its line as one text ({@code explain ...}). */
    public static boolean takesRestOfLine(String command) {
        return FREE_TEXT_COMMANDS.contains(command);
    }

    private static String firstWord(String line) {
        String trimmed = line.stripLeading();
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
