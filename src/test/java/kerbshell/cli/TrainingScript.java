package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.output.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs command lines in one shell on one lab, every result as a JSON line, and picks the results apart by kind:
 * the training tests' way to walk a scenario as a trainee would.
 */
final class TrainingScript {
    private final KerbshellRun.Result result;
    private final List<JsonNode> documents = new ArrayList<>();

    private TrainingScript(KerbshellRun.Result result) {
        this.result = result;
        for (String line : result.stdout().strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                documents.add(Json.mapper().readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line + "\n" + result, e);
            }
        }
    }

    static TrainingScript run(KerbshellRun run, List<String> lines) {
        return new TrainingScript(run.stdin(String.join("\n", lines) + "\n").args("--json", "--keep-going"));
    }

    KerbshellRun.Result result() {
        return result;
    }

    /** The results of one kind, in the order their commands ran. */
    List<JsonNode> all(Predicate<JsonNode> kind) {
        return documents.stream().filter(kind).toList();
    }

    JsonNode nth(Predicate<JsonNode> kind, int index) {
        List<JsonNode> found = all(kind);
        if (index >= found.size()) {
            throw new AssertionError("only " + found.size() + " result(s) of that kind; the run:\n" + result);
        }
        return found.get(index);
    }

    static final Predicate<JsonNode> VERDICT = d -> d.has("goals") && d.has("solved");
    static final Predicate<JsonNode> BRIEF = d -> d.has("story") && d.has("setUpAgain");
    static final Predicate<JsonNode> MIGRATION = d -> d.has("authenticated") && d.has("steps");
    static final Predicate<JsonNode> CHECK_PAIR = d -> d.has("subject")
            && d.get("subject").asText().startsWith("check pair");
    static final Predicate<JsonNode> HINTS = d -> d.has("given") && d.has("newHint");
    static final Predicate<JsonNode> LIST = d -> d.has("scenarios") && d.get("scenarios").isArray();
    static final Predicate<JsonNode> TUTORIAL = d -> d.has("finished") && d.has("steps");

    /** The problems of a check's blockers and warnings. */
    static List<String> problems(JsonNode diagnosis, String... severities) {
        List<String> wanted = List.of(severities);
        List<String> problems = new ArrayList<>();
        for (JsonNode section : diagnosis.get("sections")) {
            for (JsonNode finding : section.get("findings")) {
                if (wanted.contains(finding.get("severity").asText())) {
                    problems.add(finding.get("problem").asText());
                }
            }
        }
        return problems;
    }
}
