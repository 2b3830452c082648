package kerbshell.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import kerbshell.error.KerbshellException;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;
import kerbshell.text.Suggestions;
import kerbshell.text.Wrapping;
import org.jline.terminal.Terminal;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandRegistration;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Help at samba-tool's level, from the commands themselves: a synopsis with positional arguments shown by
 * position and required ones without brackets, every argument and option described, and the command's
 * {@link Example}s, wrapped to the terminal's width. Also the one place a command's {@link CommandSyntax} is
 * read and kept.
 */
final class CommandHelp {
    private static final int DEFAULT_WIDTH = 80;

    /** Looked up when first needed: the catalog is built from the commands, one of which is help itself. */
    private final Supplier<CommandCatalog> catalog;
    private final Terminal terminal;
    private final Map<String, CommandSyntax> syntaxes = new ConcurrentHashMap<>();

    CommandHelp(Supplier<CommandCatalog> catalog, Terminal terminal) {
        this.catalog = catalog;
        this.terminal = terminal;
    }

    CommandSyntax syntax(CommandRegistration registration) {
        return syntaxes.computeIfAbsent(registration.getCommand(), c -> CommandSyntax.of(registration));
    }

    /** The visible commands that start with these words as a group ({@code spn} gives spn list, spn add...). */
    List<CommandRegistration> groupOf(List<String> words) {
        String prefix = String.join(" ", words) + " ";
        return visible().stream().filter(r -> r.getCommand().startsWith(prefix)).toList();
    }

    List<CommandRegistration> visible() {
        return catalog.get().getRegistrations().values().stream().filter(r -> !r.isHidden())
                .sorted(Comparator.comparing(CommandRegistration::getCommand)).toList();
    }

    /** "unknown command 'spn lst': did you mean 'spn list'?" - the same line in the shell and on the command line. */
    KerbshellException unknownCommand(List<String> words) {
        List<String> commands = catalog.get().getRegistrations().keySet().stream().sorted().toList();
        for (int n = Math.min(words.size(), 3); n >= 1; n--) {
            int length = n;
            String typed = String.join(" ", words.subList(0, n));
            List<String> sameLength = commands.stream().filter(c -> c.split(" ").length == length).toList();
            Optional<String> close = Suggestions.closest(typed, sameLength);
            if (close.isPresent()) {
                return KerbshellException.usage("unknown command '" + typed + "': did you mean '" + close.get()
                        + "'? (see 'help " + close.get() + "')");
            }
        }
        String group = words.get(0);
        boolean knownGroup = !groupOf(List.of(group)).isEmpty();
        return KerbshellException.usage("unknown command '" + String.join(" ", words) + "': run "
                + (knownGroup ? "'help " + group + "' to list the " + group + " commands"
                : "'help' to list the commands"));
    }

    /** {@code help}: every command by group, each with its one-sentence description. */
    Index index() {
        return index(visible(), "kerbshell commands; 'help COMMAND' shows one with examples, 'help GROUP' a group "
                + "(help spn); a command's --help does the same");
    }

    /** {@code spn} or {@code help spn}: the group's commands with their synopses. */
    Index group(List<String> words) {
        return index(groupOf(words), "the " + String.join(" ", words) + " commands; 'help COMMAND' shows one "
                + "with examples");
    }

    private Index index(List<CommandRegistration> registrations, String title) {
        Map<String, List<Index.Entry>> groups = new TreeMap<>();
        for (CommandRegistration r : registrations) {
            String group = r.getGroup() == null || r.getGroup().isBlank() ? "Other" : r.getGroup();
            String synopsis = CommandSyntax.isKerbshells(r) ? syntax(r).synopsis() : r.getCommand();
            groups.computeIfAbsent(group, g -> new java.util.ArrayList<>())
                    .add(new Index.Entry(r.getCommand(), synopsis, r.getDescription()));
        }
        return new Index(title, groups.entrySet().stream().map(e -> new Index.Group(e.getKey(), e.getValue()))
                .toList(), width());
    }

    /** {@code help COMMAND}: name, description, synopsis, arguments, options, examples. */
    Page command(CommandRegistration registration) {
        if (!CommandSyntax.isKerbshells(registration)) {
            return new Page(registration.getCommand(), registration.getDescription(), registration.getCommand(),
                    List.of(), List.of(), List.of(), width());
        }
        CommandSyntax syntax = syntax(registration);
        List<Page.Item> arguments = syntax.params().stream().filter(CommandSyntax.Param::positional)
                .map(p -> new Page.Item(p.label() + (p.list() ? "..." : ""), describe(p))).toList();
        List<Page.Item> options = syntax.params().stream().filter(p -> !p.positional())
                .map(p -> new Page.Item("--" + p.name() + (p.flag() ? "" : " " + (p.choices().isEmpty()
                        ? p.label() : String.join("|", p.choices()))), describe(p))).toList();
        return new Page(registration.getCommand(), registration.getDescription(), syntax.synopsis(), arguments,
                options, examples(registration), width());
    }

    private static String describe(CommandSyntax.Param p) {
        String text = p.description();
        if (p.required() && !p.positional()) {
            text += " Required.";
        }
        if (p.defaultValue() != null && !p.flag()) {
            text += " Default: " + p.defaultValue() + ".";
        }
        return text;
    }

    /** The examples written on a command's method. */
    static List<Page.Shown> examples(CommandRegistration registration) {
        Method method = registration.getTarget().getMethod();
        Class<?> source = CommandSyntax.source(registration);
        Example[] examples = method != null ? method.getAnnotationsByType(Example.class)
                : source != null ? source.getAnnotationsByType(Example.class) : new Example[0];
        return Arrays.stream(examples)
                .map(e -> new Page.Shown(e.value(), e.says(), e.notOnLab().isEmpty() ? null : e.notOnLab(),
                        List.of(e.after()), List.of(e.then()))).toList();
    }

    /** The terminal's width; 80 when output goes to a file or pipe (a dumb terminal has no width of its own). */
    private int width() {
        int width = Terminal.TYPE_DUMB.equals(terminal.getType()) ? 0 : terminal.getWidth();
        return width < 40 ? DEFAULT_WIDTH : width;
    }

    /** The list of commands, by group. */
    record Index(String title, List<Group> groups, @JsonIgnore int width) implements Renderable {
        record Group(String name, List<Entry> commands) {
        }

        record Entry(String command, String synopsis, String description) {
        }

        @Override
        public void renderText(TextOut out) {
            out.line(title + ".");
            for (Group group : groups) {
                out.blank().line(group.name());
                for (Entry entry : group.commands()) {
                    Wrapping.indented(entry.synopsis(), 2, width).forEach(out::line);
                    Wrapping.indented(entry.description() == null ? "" : entry.description(), 6, width)
                            .forEach(out::line);
                }
            }
        }
    }

    /** One command's help. */
    record Page(String command, String description, String synopsis, List<Item> arguments, List<Item> options,
                List<Shown> examples, @JsonIgnore int width) implements Renderable {
        record Item(String name, String description) {
        }

        /** An example; {@code after} and {@code then} are for the examples test, not shown as text. */
        record Shown(String line, String says, String notOnLab, List<String> after, List<String> then) {
        }

        @Override
        public void renderText(TextOut out) {
            out.line("NAME");
            Wrapping.indented(command + " - " + (description == null ? "" : description), 4, width)
                    .forEach(out::line);
            out.blank().line("SYNOPSIS");
            Wrapping.indented(synopsis, 4, width).forEach(out::line);
            items(out, "ARGUMENTS", arguments);
            items(out, "OPTIONS", options);
            if (!examples.isEmpty()) {
                out.blank().line("EXAMPLES");
                for (Shown example : examples) {
                    Wrapping.indented(example.line(), 4, width).forEach(out::line);
                    Wrapping.indented(example.says(), 8, width).forEach(out::line);
                }
            }
        }

        private void items(TextOut out, String title, List<Item> items) {
            if (items.isEmpty()) {
                return;
            }
            out.blank().line(title);
            for (Item item : items) {
                out.line("    " + item.name());
                Wrapping.indented(item.description(), 8, width).forEach(out::line);
            }
        }
    }
}
