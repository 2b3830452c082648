package kerbshell.cli;

import kerbshell.text.Suggestions;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandParser;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.annotation.Option;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Calls a command's method with the values {@link CommandSyntax} bound, converted to the parameters' types
 * (text, numbers, switches, lists, enums typed as their lower-case words). Spring Shell's own binding is not
 * used for kerbshell's commands: it binds stray words to later options by position and turns missing
 * arguments into nulls.
 */
final class CommandInvoker {
    private CommandInvoker() {
    }

    /** The command's result; a failure inside the command is thrown as it is. */
    static Object invoke(CommandRegistration registration, CommandSyntax syntax, CommandSyntax.Bound bound)
            throws Throwable {
        Method method = registration.getTarget().getMethod();
        if (method == null) {
            return registration.getTarget().getFunction().apply(context(registration, syntax, bound));
        }
        Parameter[] parameters = method.getParameters();
        Object[] args = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Option option = parameters[i].getAnnotation(Option.class);
            if (option == null) {
                throw new IllegalStateException(syntax.command() + ": parameter " + parameters[i].getName()
                        + " is not an @Option");
            }
            String name = option.longNames().length > 0 ? option.longNames()[0] : parameters[i].getName();
            CommandSyntax.Param param = syntax.param(name).orElseThrow();
            List<String> given = bound.get(param).orElse(param.defaultValue() == null ? null
                    : List.of(param.defaultValue()));
            args[i] = convert(syntax, param, given);
        }
        method.setAccessible(true);
        try {
            return method.invoke(registration.getTarget().getBean(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The bound values as Spring Shell hands them to a command registered by code. */
    private static CommandContext context(CommandRegistration registration, CommandSyntax syntax,
                                          CommandSyntax.Bound bound) {
        List<CommandParser.CommandParserResult> results = new ArrayList<>();
        for (CommandOption option : registration.getOptions()) {
            if (option.getLongNames().length == 0) {
                continue;
            }
            syntax.param(option.getLongNames()[0]).ifPresent(param -> {
                List<String> given = bound.get(param).orElse(param.defaultValue() == null ? null
                        : List.of(param.defaultValue()));
                Object value = convert(syntax, param, given);
                if (value != null) {
                    results.add(CommandParser.CommandParserResult.of(option, value));
                }
            });
        }
        return CommandContext.of(new String[0], CommandParser.CommandParserResults.of(registration, results,
                List.of(), List.of()), null, registration, null);
    }

    private static Object convert(CommandSyntax syntax, CommandSyntax.Param param, List<String> given) {
        Class<?> type = param.type();
        if (given == null) {
            return type == boolean.class ? Boolean.FALSE : type == int.class ? 0 : null;
        }
        if (param.list()) {
            return List.copyOf(given);
        }
        String value = given.get(0);
        if (type == String.class) {
            return value;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.parseBoolean(value);
        }
        if (type == int.class || type == Integer.class) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw syntax.usage(shown(param) + " must be a whole number, not '" + value + "'");
            }
        }
        if (type.isEnum()) {
            return enumValue(syntax, param, value);
        }
        throw new IllegalStateException(syntax.command() + ": no conversion to " + type.getName());
    }

    private static Object enumValue(CommandSyntax syntax, CommandSyntax.Param param, String value) {
        String word = value.strip().toLowerCase(Locale.ROOT);
        int index = param.choices().indexOf(word);
        if (index < 0) {
            throw syntax.usage(shown(param) + " must be one of " + String.join(", ", param.choices()) + ", not '"
                    + value + "'" + Suggestions.hint(value, param.choices()));
        }
        return Arrays.asList(param.type().getEnumConstants()).get(index);
    }

    private static String shown(CommandSyntax.Param param) {
        return param.positional() ? param.label() : "--" + param.name();
    }
}
