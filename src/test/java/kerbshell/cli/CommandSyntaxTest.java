package kerbshell.cli;

import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import org.junit.jupiter.api.Test;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.annotation.Option;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binding words to a command's arguments and options, strictly, without a shell or a network. */
class CommandSyntaxTest {
    enum Via { PRINT, SSH, WINRM }

    /** Commands as kerbshell writes them: positional arguments have no longNames. */
    static final class Fixture {
        Object pair(@Option(required = true, description = "One host.") String first,
                    @Option(required = true, description = "The other host.") String second,
                    @Option(longNames = "user", label = "USER", description = "The operator.") String user,
                    @Option(longNames = "tickets", description = "Ask the KDC.") boolean tickets,
                    @Option(longNames = "via", description = "How.") Via via) {
            return null;
        }

        Object add(@Option(required = true, description = "Host.") String host,
                   @Option(required = true, arityMax = 64, description = "SPNs.") List<String> spn,
                   @Option(longNames = "dry-run", description = "Write nothing.") boolean dryRun) {
            return null;
        }

        Object explain(@Option(required = true, arityMax = 4096, description = "Text.") List<String> text) {
            return null;
        }
    }

    private static CommandSyntax syntax(String command, String method) {
        return CommandSyntax.of(CommandRegistration.builder().command(command).withTarget()
                .method(new Fixture(), method).and().build());
    }

    private static Map<String, List<String>> bind(CommandSyntax syntax, String... words) {
        return syntax.bind(List.of(words)).values().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
    }

    private static String usage(CommandSyntax syntax, String... words) {
        KerbshellException e = assertThrows(KerbshellException.class, () -> syntax.bind(List.of(words)));
        assertEquals(ExitStatus.USAGE, e.status());
        assertTrue(e.getMessage().endsWith("usage: " + syntax.synopsis() + " (see 'help " + syntax.command() + "')"),
                e.getMessage());
        return e.getMessage();
    }

    @Test
    void synopsisShowsPositionalRequiredAndChoices() {
        assertEquals("check pair FIRST SECOND [--user USER] [--tickets] [--via print|ssh|winrm] [--json]",
                syntax("check pair", "pair").synopsis());
        assertEquals("spn add HOST SPN... [--dry-run] [--json]", syntax("spn add", "add").synopsis());
    }

    @Test
    void positionalArgumentsNeverSpillIntoOptions() {
        CommandSyntax pair = syntax("check pair", "pair");
        assertEquals(Map.of("first", List.of("HV01"), "second", List.of("HV02"), "user", List.of("alice")),
                bind(pair, "HV01", "--user", "alice", "HV02"));
        assertTrue(usage(pair, "HV01", "HV02", "HV03").startsWith("check pair: one argument too many: 'HV03'; "));
        assertTrue(usage(pair, "HV01").startsWith("check pair: missing SECOND (the other host); "));
        assertEquals(Map.of("first", List.of("HV01"), "second", List.of("HV02")), bind(pair, "--first", "HV01",
                "HV02"), "a positional argument may also be named");
    }

    @Test
    void optionsAreCheckedByName() {
        CommandSyntax pair = syntax("check pair", "pair");
        assertTrue(usage(pair, "HV01", "HV02", "--usr", "x").startsWith("check pair: unknown option --usr: did you "
                + "mean '--user'?; "));
        assertTrue(usage(pair, "HV01", "HV02", "--user").startsWith("check pair: --user needs a value (USER); "));
        assertTrue(usage(pair, "HV01", "HV02", "--user", "a", "--user", "b")
                .startsWith("check pair: option --user is given 2 times; it takes one value: give it once; "));
        assertTrue(usage(pair, "HV01", "HV02", "-x").startsWith("check pair: unknown option -x; "));
        assertTrue(usage(pair, "HV01", "HV02", "--tickets=maybe").contains("--tickets is a switch"));
        assertEquals(Map.of("first", List.of("HV01"), "second", List.of("HV02"), "tickets", List.of("true"),
                "user", List.of("a=b")), bind(pair, "HV01", "HV02", "--tickets", "--user=a=b"));
        assertEquals(Map.of("first", List.of("-1"), "second", List.of("--odd")), bind(pair, "-1", "--", "--odd"),
                "negative numbers are values, and -- ends the options");
        assertTrue(syntax("check pair", "pair").bind(List.of("--help")).help(), "--help needs no arguments");
    }

    @Test
    void listsTakeEveryWordUpToTheNextOption() {
        CommandSyntax add = syntax("spn add", "add");
        assertEquals(Map.of("host", List.of("HV01"), "spn", List.of("a/b", "c/d"), "dry-run", List.of("true")),
                bind(add, "HV01", "a/b", "c/d", "--dry-run"));
        assertTrue(usage(add, "HV01").startsWith("spn add: missing SPN (SPNs); "));
    }

    @Test
    void explainTakesTheRestOfTheLineAsItIs() {
        CommandSyntax explain = syntax("explain", "explain");
        assertEquals(Map.of("text", List.of("-2146893053")), bind(explain, "-2146893053"));
        assertEquals(Map.of("text", List.of("it's", "--not", "an", "option", "--", "0x80090303")),
                bind(explain, "it's", "--not", "an", "option", "--", "0x80090303"));
    }
}
