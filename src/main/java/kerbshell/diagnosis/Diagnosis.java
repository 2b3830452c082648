package kerbshell.diagnosis;

import kerbshell.rules.CheckFinding;
import kerbshell.rules.Severity;

import kerbshell.error.ExitStatus;
import kerbshell.kerberos.ServiceTicketResult;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a check found, in sections (each host, each direction, the operator, the clock), blockers first; with
 * {@code --tickets}, the KDC's own answer per SPN; and the fix as kerbshell commands. Exit status 1 when anything
 * blocks. {@code judged} says which move the verdict is about (null for checks of one account's own).
 */
public record Diagnosis(String subject, String judged, List<Section> sections, List<ServiceTicketResult> tickets,
                        long searches) implements Renderable {

    /** A titled group of findings. */
    public record Section(String title, List<CheckFinding> findings) {
    }

    public List<CheckFinding> findings() {
        return sections.stream().flatMap(s -> s.findings().stream()).toList();
    }

    public long blockers() {
        return findings().stream().filter(f -> f.severity() == Severity.BLOCKER).count();
    }

    /**
     * The fix commands of every blocker and warning, each once: SPN removals first (they free SPNs that the adds
     * then give to their rightful holder), then the rest with blockers before warnings, host-side steps last.
     */
    public List<String> fixPlan() {
        return fixPlan(findings());
    }

    /** The fix plan of any list of findings, as {@link #fixPlan()} orders it. */
    static List<String> fixPlan(List<CheckFinding> findings) {
        Set<String> commands = new LinkedHashSet<>();
        findings.stream().filter(f -> f.severity() != Severity.INFO)
                .sorted(Comparator.comparing(CheckFinding::severity))
                .forEach(f -> commands.addAll(f.fix()));
        List<String> plan = new ArrayList<>(commands);
        plan.sort(Comparator.comparingInt(Diagnosis::order));
        return plan;
    }

    private static int order(String command) {
        return command.startsWith("spn remove ") ? 0 : command.startsWith("host:") ? 2 : 1;
    }

    @Override
    public ExitStatus exitStatus() {
        return blockers() > 0 ? ExitStatus.PROBLEM : ExitStatus.OK;
    }

    @Override
    public void renderText(TextOut out) {
        out.line(subject);
        if (judged != null) {
            out.line("judged: " + judged);
        }
        for (Section section : sections) {
            out.blank().line(section.title() + ":");
            section.findings().stream().sorted(Comparator.comparing(CheckFinding::severity)).forEach(f -> {
                out.line("  " + label(f.severity()) + f.problem());
                if (f.why() != null) {
                    out.line("      why: " + f.why());
                }
                if (f.error() != null) {
                    out.line("      Windows says: " + f.error());
                }
                f.fix().forEach(c -> out.line("      fix: " + c));
            });
        }
        if (!tickets.isEmpty()) {
            out.blank().line("the KDC's answers (ticket requests as the operator):");
            tickets.forEach(t -> out.line("  " + (t.issued() ? "issued   " : "REFUSED  ") + t.spn()
                    + (t.issued() ? "" : ": " + t.errorCode() + " " + t.errorName()
                    + (t.ntStatus() == null ? "" : ", NTSTATUS " + t.ntStatus()))));
        }
        long warnings = findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
        out.blank().line(blockers() == 0 ? "nothing blocks" + (warnings > 0 ? " (" + warnings + " warning(s))" : "")
                : blockers() + " blocker(s), " + warnings + " warning(s); fix with:");
        if (blockers() > 0 || warnings > 0) {
            fixPlan().forEach(c -> out.line("  " + c));
        }
    }

    private static String label(Severity severity) {
        return switch (severity) {
            case BLOCKER -> "BLOCKER  ";
            case WARNING -> "warning  ";
            case INFO -> "ok       ";
        };
    }
}
