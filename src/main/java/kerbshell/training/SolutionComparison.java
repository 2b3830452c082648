package kerbshell.training;

import kerbshell.journal.JournalEntry;
import kerbshell.error.KerbshellException;
import kerbshell.recipe.CommandLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trainee's changes next to the model solution. The journal records every writing command with its command
 * line (its words, quotes gone), so both sides are compared as words, case ignored, without --json and --yes.
 * Read-only commands (check, spn list) are not in the journal and so not in the comparison; nor are the model's host
 * steps ({@code vmms restart}), which change no directory object: whether they were done shows in the goal's moves
 * instead, since a source that has not picked a fix up fails its move.
 *
 * @param yours          the trainee's writing commands since the scenario was set up, in order
 * @param model          the model solution
 * @param modelStepsUsed which model steps the trainee also ran, by index
 * @param hostSteps      which model steps act on a host rather than the directory, by index: never journaled
 * @param extra          the trainee's commands that are not in the model solution
 */
public record SolutionComparison(List<String> yours, List<String> model, List<Integer> modelStepsUsed,
                                 List<Integer> hostSteps, List<String> extra) {
    private static final Set<String> IGNORED = Set.of("--json", "--yes");
    /** Commands that act on a host, not on the directory, so the journal never records them. */
    private static final List<String> HOST_COMMANDS = List.of("vmms restart");

    /** @param since the journal entries recorded after the scenario's break */
    public static SolutionComparison of(List<JournalEntry> since, List<String> model) {
        Map<String, String> commands = new LinkedHashMap<>();
        for (JournalEntry entry : since) {
            if (entry.applied() && entry.command() != null && !entry.command().isBlank()) {
                commands.putIfAbsent(entry.commandId(), entry.command());
            }
        }
        List<String> yours = List.copyOf(commands.values());
        List<String> yoursNormal = yours.stream().map(SolutionComparison::normal).toList();
        List<Integer> used = new ArrayList<>();
        List<Integer> host = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
            String step = normal(words(model.get(i)));
            if (HOST_COMMANDS.stream().anyMatch(c -> step.equals(c) || step.startsWith(c + " "))) {
                host.add(i);
            } else if (yoursNormal.contains(step)) {
                used.add(i);
            }
        }
        Set<String> modelNormal = model.stream().map(m -> normal(words(m))).collect(Collectors.toSet());
        List<String> extra = yours.stream().filter(y -> !modelNormal.contains(normal(y))).toList();
        return new SolutionComparison(yours, model, used, host, extra);
    }

    /** The model solution's directory changes exactly, nothing more (its host steps leave no journal entry). */
    public boolean sameAsModel() {
        return modelStepsUsed.size() + hostSteps.size() == model.size() && extra.isEmpty();
    }

    /** One sentence on how the trainee's way compares. */
    public String verdict() {
        if (yours.isEmpty()) {
            return "the journal holds no change of yours since the scenario was set up (changes made outside "
                    + "kerbshell, or by 'lab' commands, are not journaled)";
        }
        String hosts = hostSteps.isEmpty() ? "" : " (its host steps, marked '*', leave no journal entry; the goal's "
                + "moves passing shows the hosts picked the fix up)";
        if (sameAsModel()) {
            return "you made exactly the model solution's changes" + hosts;
        }
        return "you ran " + modelStepsUsed.size() + " of the model solution's " + (model.size() - hostSteps.size())
                + " directory change(s)"
                + (extra.isEmpty() ? "" : " and " + extra.size() + " other(s)")
                + "; the goal checks pass, so your way fixed it too: compare it with the model below" + hosts;
    }

    /** A command line's words joined by one space: the form the journal records. */
    static String words(String line) {
        try {
            return String.join(" ", CommandLine.words(line));
        } catch (KerbshellException e) {
            return line;
        }
    }

    private static String normal(String joinedWords) {
        return java.util.Arrays.stream(joinedWords.strip().split("\\s+"))
                .filter(w -> !IGNORED.contains(w.toLowerCase(Locale.ROOT)))
                .map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.joining(" "));
    }
}
