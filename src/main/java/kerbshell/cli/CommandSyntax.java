package kerbshell.cli;

import kerbshell.error.KerbshellException;
import kerbshell.recipe.CommandLine;
import kerbshell.text.Suggestions;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.annotation.Option;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One command's grammar, read once from its method: which arguments go by position (an {@code @Option} without
 * {@code longNames}), which are named, which are required, flags, lists and enum choices. It binds a line's
 * words strictly — too few or too many arguments, an unknown or repeated option, a value missing or not among
 * the choices is one usage line naming the synopsis — and never lets a word bind to a later option by its
 * position, which Spring Shell's own parser does.
 */
final class CommandSyntax {
    /** Words that look like options but are values: negative numbers such as SSPI codes (-2146893053). */
    private static final Pattern NUMBER = Pattern.compile("-\\d+");

    /** One argument or option of the command. */
    record Param(String name, String label, boolean positional, boolean required, boolean flag, boolean list,
                 String description, List<String> choices, String defaultValue, Class<?> type) {

        /** How the synopsis shows it: HOST, [--user USER], [--dry-run], SPN... */
        String synopsis() {
            String shown = positional ? label + (list ? "..." : "")
                    : "--" + name + (flag ? "" : " " + (choices.isEmpty() ? label : String.join("|", choices))
                    + (list ? "..." : ""));
            return required ? shown : "[" + shown + "]";
        }
    }

    /** The values bound to each given parameter, as typed (lists keep every word). */
    record Bound(Map<Param, List<String>> values, boolean help) {
        Optional<List<String>> get(Param param) {
            return Optional.ofNullable(values.get(param));
        }
    }

    private final String command;
    private final List<Param> positionals;
    private final Map<String, Param> byName;
    private final boolean restOfLine;

    private CommandSyntax(String command, List<Param> params, boolean restOfLine) {
        this.command = command;
        this.positionals = params.stream().filter(Param::positional).toList();
        this.byName = new LinkedHashMap<>();
        params.forEach(p -> byName.put(p.name(), p));
        this.restOfLine = restOfLine;
    }

    /** The grammar of a command implemented by a method with {@code @Option} parameters. */
    static CommandSyntax of(CommandRegistration registration) {
        Method method = registration.getTarget().getMethod();
        List<Param> params = new ArrayList<>();
        if (method == null) {
            for (CommandOption option : registration.getOptions()) {
                String name = option.getLongNames().length > 0 ? option.getLongNames()[0] : "";
                if (!name.isEmpty() && !name.equals("help") && !name.equals("json")) {
                    params.add(param(name, option));
                }
            }
        } else {
            for (Parameter parameter : method.getParameters()) {
                Option option = parameter.getAnnotation(Option.class);
                if (option == null) {
                    continue;
                }
                String name = option.longNames().length > 0 ? option.longNames()[0] : parameter.getName();
                CommandOption registered = registration.getOptions().stream()
                        .filter(o -> Arrays.asList(o.getLongNames()).contains(name)).findFirst().orElse(null);
                params.add(param(name, option, parameter, registered));
            }
        }
        if (params.stream().noneMatch(p -> p.name().equals("as")) && showsChangeForms(registration)) {
            // Read by the shell for the whole line (KerbshellShell.AS_OPTION), like --json; listed for help and
            // completion.
            params.add(new Param("as", "FORM", false, false, false, false, "Show the planned change (--dry-run, "
                    + "a recipe's plan) as ldif, powershell (ActiveDirectory module) or setspn (default: LDIF and "
                    + "PowerShell side by side).", List.of("ldif", "powershell", "setspn"), null, String.class));
        }
        params.add(new Param("json", "", false, false, true, false, "Print the result as JSON.", List.of(), null,
                boolean.class));
        return new CommandSyntax(registration.getCommand(), params,
                CommandLine.takesRestOfLine(registration.getCommand()));
    }

    /** A command that plans directory changes (--dry-run, a recipe's plan) shows them in the --as form. */
    static boolean showsChangeForms(CommandRegistration registration) {
        return registration.getOptions().stream().anyMatch(o -> Arrays.asList(o.getLongNames()).contains("dry-run"));
    }

    /** An option of a command registered by code ({@code connect}): always named, never positional. */
    private static Param param(String name, CommandOption option) {
        Class<?> type = option.getType() == null ? String.class : option.getType().resolve(String.class);
        boolean flag = type == boolean.class || type == Boolean.class;
        String label = option.getLabel() != null ? option.getLabel() : name.toUpperCase(Locale.ROOT);
        return new Param(name, label, false, option.isRequired(), flag, Collection.class.isAssignableFrom(type),
                option.getDescription(), choicesOf(type), flag ? null : option.getDefaultValue(), type);
    }

    /** An enum type's values as typed: lower case, '-' for '_' (TlsMode.STARTTLS is starttls); none for others. */
    private static List<String> choicesOf(Class<?> type) {
        return type.isEnum() ? Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-')).toList() : List.of();
    }

    private static Param param(String name, Option option, Parameter parameter, CommandOption registered) {
        Class<?> type = parameter.getType();
        boolean flag = type == boolean.class || type == Boolean.class;
        boolean list = Collection.class.isAssignableFrom(type);
        List<String> choices = choicesOf(type);
        String label = !option.label().isEmpty() ? option.label() : name.toUpperCase(Locale.ROOT);
        String defaultValue = registered != null ? registered.getDefaultValue() : null;
        if (flag && "false".equals(defaultValue)) {
            defaultValue = null;
        }
        return new Param(name, label, option.longNames().length == 0, option.required(), flag, list,
                option.description(), choices, defaultValue, type);
    }

    /** Whether the command is one of kerbshell's own (a method of a bean in kerbshell), not a Spring Shell built-in. */
    static boolean isKerbshells(CommandRegistration registration) {
        Class<?> source = source(registration);
        return source != null && source.getName().startsWith("kerbshell.");
    }

    /**
     * The class that implements the command: the bean of a method, or the class whose method reference a command
     * registered by code gives as its function ({@code ConnectCommand::connect}); it carries the examples.
     */
    static Class<?> source(CommandRegistration registration) {
        if (registration.getTarget().getMethod() != null) {
            return registration.getTarget().getBean() == null ? null : registration.getTarget().getBean().getClass();
        }
        if (registration.getTarget().getFunction() == null) {
            return null;
        }
        String name = registration.getTarget().getFunction().getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        try {
            return lambda < 0 ? null : Class.forName(name.substring(0, lambda));
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    String command() {
        return command;
    }

    List<Param> params() {
        return List.copyOf(byName.values());
    }

    Optional<Param> param(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** {@code check pair FIRST SECOND [--user USER] [--tickets] [--fix-plan FILE] [--json]} */
    String synopsis() {
        StringBuilder line = new StringBuilder(command);
        positionals.forEach(p -> line.append(' ').append(p.synopsis()));
        byName.values().stream().filter(p -> !p.positional()).filter(Param::required)
                .forEach(p -> line.append(' ').append(p.synopsis()));
        byName.values().stream().filter(p -> !p.positional()).filter(p -> !p.required())
                .forEach(p -> line.append(' ').append(p.synopsis()));
        return line.toString();
    }

    /** Binds the words after the command, or throws one usage line that ends with the synopsis. */
    Bound bind(List<String> args) {
        Map<Param, List<String>> values = new LinkedHashMap<>();
        boolean help = false;
        boolean optionsEnded = false;
        int next = 0;
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (restOfLine && !values.isEmpty() && values.containsKey(positionals.get(0))) {
                values.get(positionals.get(0)).add(word);
                continue;
            }
            if (!optionsEnded && word.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (!optionsEnded && (word.equals("--help") || word.equals("-h"))) {
                help = true;
                continue;
            }
            if (!optionsEnded && isOptionName(word)) {
                i = bindOption(args, i, values);
                continue;
            }
            if (!optionsEnded && word.startsWith("-") && word.length() > 1 && !NUMBER.matcher(word).matches()) {
                throw usage("unknown option " + word + Suggestions.hint(word, optionNames()));
            }
            while (next < positionals.size() && values.containsKey(positionals.get(next))
                    && !positionals.get(next).list()) {
                next++;
            }
            if (next >= positionals.size()) {
                throw usage(positionals.isEmpty() ? "takes no arguments, but was given '" + word + "'"
                        : "one argument too many: '" + word + "'");
            }
            Param param = positionals.get(next);
            List<String> bound = values.computeIfAbsent(param, p -> new ArrayList<>());
            bound.add(word);
            if (!param.list()) {
                next++;
            }
        }
        if (!help) {
            for (Param param : byName.values()) {
                if (param.required() && !values.containsKey(param)) {
                    throw usage("missing " + (param.positional() ? param.label() : "--" + param.name())
                            + " (" + stripPeriod(param.description()) + ")");
                }
            }
        }
        return new Bound(values, help);
    }

    private int bindOption(List<String> args, int i, Map<Param, List<String>> values) {
        String word = args.get(i);
        int equals = word.indexOf('=');
        String name = equals > 0 ? word.substring(2, equals) : word.substring(2);
        String inline = equals > 0 ? word.substring(equals + 1) : null;
        Param param = byName.get(name);
        if (param == null) {
            throw usage("unknown option --" + name + Suggestions.hint("--" + name, optionNames()));
        }
        if (values.containsKey(param) && !param.list()) {
            long times = args.stream().filter(w -> w.equals("--" + name) || w.startsWith("--" + name + "=")).count();
            throw usage("option --" + name + " is given " + times + " times; it takes one value: give it once");
        }
        List<String> bound = values.computeIfAbsent(param, p -> new ArrayList<>());
        if (param.flag()) {
            String value = inline;
            if (value == null && i + 1 < args.size() && isBoolean(args.get(i + 1))) {
                value = args.get(++i);
            }
            if (value != null && !isBoolean(value)) {
                throw usage("--" + name + " is a switch: give it alone (or true/false), not '" + value + "'");
            }
            bound.add(value == null ? "true" : value.toLowerCase(Locale.ROOT));
            return i;
        }
        if (inline != null) {
            bound.add(inline);
            return i;
        }
        int taken = 0;
        while (i + 1 < args.size() && !isOptionName(args.get(i + 1)) && !args.get(i + 1).equals("--")
                && (param.list() || taken == 0)) {
            bound.add(args.get(++i));
            taken++;
        }
        if (taken == 0) {
            throw usage("--" + name + " needs a value" + (param.choices().isEmpty() ? " (" + param.label() + ")"
                    : ": " + String.join(", ", param.choices())));
        }
        return i;
    }

    /** A word naming an option: {@code --name} or {@code --name=value}. */
    static boolean isOptionName(String word) {
        return word.length() > 2 && word.startsWith("--") && Character.isLetter(word.charAt(2));
    }

    private static boolean isBoolean(String word) {
        return word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false");
    }

    List<String> optionNames() {
        List<String> names = new ArrayList<>();
        byName.keySet().forEach(n -> names.add("--" + n));
        names.add("--help");
        return names;
    }

    /** A usage error of this command: the problem, then the synopsis, on one line. */
    KerbshellException usage(String problem) {
        return KerbshellException.usage(command + ": " + problem + "; usage: " + synopsis()
                + " (see 'help " + command + "')");
    }

    /** "The other host." as it reads inside a sentence: "the other host". */
    private static String stripPeriod(String text) {
        String t = text == null ? "" : text.strip();
        t = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
        boolean acronym = t.length() > 1 && Character.isUpperCase(t.charAt(1));
        return t.isEmpty() || acronym ? t : Character.toLowerCase(t.charAt(0)) + t.substring(1);
    }
}
