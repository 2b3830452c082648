package kerbshell.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import kerbshell.error.KerbshellException;
import kerbshell.recipe.CommandLine;
import kerbshell.recipe.RecipeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads and validates scenario files. A malformed file is rejected with one sentence naming the file, the line and
 * the field; so is a line that is not a kerbshell command, so that a typo fails when the scenario loads rather
 * than half-way through setting up a lab.
 */
public final class ScenarioFiles {
    static final String FIELDS = "name, title, description, level, story, break, goal, cause, hints, solution, "
            + "explanation, references";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** Commands that would change the session, the lab as a whole or the training itself, not the fault. */
    private static final List<String> NOT_A_STEP = List.of("lab scenario", "tutorial", "lab start", "lab stop",
            "lab reset", "connect", "disconnect", "quit", "exit", "recipe record", "recipe save");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ScenarioFiles() {
    }

    /** @param knownCommand whether a command line starts with one of kerbshell's commands */
    public static Scenario read(Path file, Predicate<String> knownCommand) {
        try {
            return parse(Files.readString(file), file.toString(), knownCommand);
        } catch (IOException e) {
            throw KerbshellException.usage("cannot read the scenario " + file + ": " + e.getMessage());
        }
    }

    /** Parses and validates a scenario; {@code source} names it in errors. */
    public static Scenario parse(String text, String source, Predicate<String> knownCommand) {
        Scenario scenario;
        try {
            scenario = YAML.readValue(text, Scenario.class);
        } catch (UnrecognizedPropertyException e) {
            throw KerbshellException.usage(source + " line " + RecipeFiles.lineOf(text, e.getPropertyName(),
                    e.getLocation().getLineNr()) + ": unknown field '" + e.getPropertyName() + "' (a scenario has "
                    + FIELDS + "; a goal has check and no_finding)");
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw KerbshellException.usage(source + " line " + (e.getLocation() == null ? "?"
                    : e.getLocation().getLineNr()) + ": field '" + field + "': " + oneLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw KerbshellException.usage(source + " line " + (e.getLocation() == null ? "?"
                    : e.getLocation().getLineNr()) + ": not valid YAML: " + oneLine(e.getOriginalMessage()));
        }
        if (scenario == null) {
            throw KerbshellException.usage(source + " is empty: a scenario needs at least " + FIELDS);
        }
        new Validation(scenario, text, source, knownCommand).run();
        return scenario;
    }

    /** The parser's message on one line: errors are one line. */
    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", "; ");
    }

    /** The checks of one scenario, each failing with the file, line and field. */
    private record Validation(Scenario scenario, String text, String source, Predicate<String> knownCommand) {
        void run() {
            if (scenario.name() == null || !NAME.matcher(scenario.name()).matches()) {
                throw invalid("name", "a scenario needs a name of lower-case letters, digits and -, such as "
                        + "missing-migration-spn");
            }
            required("title", scenario.title());
            required("story", scenario.story());
            required("explanation", scenario.explanation());
            if (scenario.level() != null && (scenario.level() < 1 || scenario.level() > 3)) {
                throw invalid("level", "level is 1 (first week), 2 or 3 (experienced), not " + scenario.level());
            }
            commands("break", scenario.breakSteps(), "the commands that plant the fault on a fresh lab");
            commands("solution", scenario.solution(), "the model solution's commands");
            nonEmpty("cause", scenario.cause(), "how the goal's checks word the planted fault, so that "
                    + "'lab scenario start' can prove the break took");
            nonEmpty("hints", scenario.hints(), "graded hints, vaguest first");
            if (scenario.goal() == null || scenario.goal().isEmpty()) {
                throw invalid("goal", "a scenario needs at least one goal: '- check: check pair HV01 HV02 --user "
                        + "operator'");
            }
            for (Scenario.Goal goal : scenario.goal()) {
                if (!isGoalCommand(goal.check())) {
                    throw invalidAt(String.valueOf(goal.check()), "check", "a goal is a kerbshell check (check host, "
                            + "pair, user or cluster) or a move (lab migrate SOURCE DEST), not '" + goal.check() + "'");
                }
                known("check", goal.check());
                if (goal.noFinding() != null && goal.noFinding().isBlank()) {
                    throw invalid("no_finding", "no_finding is the text no blocker or warning may contain; it is "
                            + "blank here");
                }
            }
            scenario.goal().forEach(this::movesBothWays);
        }

        /**
         * A pair is solved only when a move goes through both ways, as the hosts see it: 'check pair' reads the
         * directory, while each source acts on what it cached until VMMS restarts. So a pair goal needs both moves.
         */
        private void movesBothWays(Scenario.Goal goal) {
            List<String> pair = words(goal.check());
            if (pair.size() < 4 || !pair.get(0).equalsIgnoreCase("check") || !pair.get(1).equalsIgnoreCase("pair")) {
                return;
            }
            String operator = optionValue(pair, "--user");
            for (List<String> way : List.of(List.of(pair.get(2), pair.get(3)), List.of(pair.get(3), pair.get(2)))) {
                String move = "lab migrate " + way.get(0) + " " + way.get(1) + (operator == null ? ""
                        : " --as " + operator);
                boolean present = scenario.goal().stream().map(g -> words(g.check())).anyMatch(w -> w.size() >= 4
                        && w.get(0).equalsIgnoreCase("lab") && w.get(1).equalsIgnoreCase("migrate")
                        && w.get(2).equalsIgnoreCase(way.get(0)) && w.get(3).equalsIgnoreCase(way.get(1))
                        && (operator == null || operator.equalsIgnoreCase(optionValue(w, "--as"))));
                if (!present) {
                    throw invalidAt(goal.check(), "goal", "'" + goal.check() + "' is solved only when the move "
                            + "goes through both ways, as the hosts see it: add the goal '- check: " + move + "'");
                }
            }
        }

        private void required(String field, String value) {
            if (value == null || value.isBlank()) {
                throw invalid(field, "a scenario needs a " + field);
            }
        }

        private void nonEmpty(String field, List<String> values, String what) {
            if (values == null || values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
                throw invalid(field, field + " must list " + what + ", none of them blank");
            }
        }

        private void commands(String field, List<String> lines, String what) {
            nonEmpty(field, lines, what);
            lines.forEach(line -> known(field, line));
        }

        private void known(String field, String line) {
            if (RecipeFiles.holdsSecret(line)) {
                throw invalidAt(line, field, "a scenario never holds a secret: '" + line + "'");
            }
            if (!knownCommand.test(line)) {
                throw invalidAt(line, field, "'" + line + "' is not a kerbshell command ('help' lists them)");
            }
            String command = line.strip().toLowerCase(Locale.ROOT);
            if (NOT_A_STEP.stream().anyMatch(c -> command.equals(c) || command.startsWith(c + " "))) {
                throw invalidAt(line, field, "'" + line + "' cannot be a scenario step: it changes the session, the "
                        + "whole lab or the training itself ('lab scenario start' resets the lab already)");
            }
        }

        private KerbshellException invalid(String field, String why) {
            return KerbshellException.usage(source + " line " + RecipeFiles.lineOf(text, field, 1) + ": field '" + field + "': "
                    + why);
        }

        /** The error for one value of a field, with the line of the value itself. */
        private KerbshellException invalidAt(String value, String field, String why) {
            return KerbshellException.usage(source + " line " + RecipeFiles.lineOf(text, value, RecipeFiles.lineOf(text, field, 1))
                    + ": field '" + field + "': " + why);
        }
    }

    /** The words of a command line; a line that does not parse has none (it was refused as no command already). */
    private static List<String> words(String line) {
        try {
            return CommandLine.words(line);
        } catch (KerbshellException e) {
            return List.of();
        }
    }

    /** The word after {@code option} ({@code --user operator}), or null. */
    private static String optionValue(List<String> words, String option) {
        int at = words.indexOf(option);
        return at >= 0 && at + 1 < words.size() ? words.get(at + 1) : null;
    }

    /** A check, or a move judged as 'lab migrate' judges it (a story's move must go through, not only read right). */
    private static boolean isGoalCommand(String line) {
        if (line == null) {
            return false;
        }
        String command = line.strip().toLowerCase(Locale.ROOT);
        return command.startsWith("check ") || command.startsWith("lab migrate ");
    }
}
