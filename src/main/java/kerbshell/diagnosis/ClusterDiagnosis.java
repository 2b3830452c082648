package kerbshell.diagnosis;

import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;
import kerbshell.picture.MatrixText;
import kerbshell.picture.MeshPicture;
import kerbshell.rules.CheckFinding;
import kerbshell.rules.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * check cluster and check clusters: every host, every ordered pair judged (all pairs of one cluster, or every node
 * of one cluster with every node of the other and back) as a matrix, the operator, the clock, one finding list and
 * one fix plan; {@code edges} is the delegation between the hosts as it stands, for the pictures.
 *
 * @param judged the move the verdicts are about, in words
 */
public record ClusterDiagnosis(String subject, String judged, List<String> hosts,
                               Map<String, List<CheckFinding>> hostFindings, List<Cell> pairs,
                               List<CheckFinding> operator, List<CheckFinding> clock, long searches,
                               List<MeshPicture.Edge> edges) implements Renderable {

    /** One ordered pair: source to destination, and what the rule book found about that direction. */
    public record Cell(String source, String destination, List<CheckFinding> findings) {
        public Severity worst() {
            return findings.stream().map(CheckFinding::severity).min(Comparator.naturalOrder()).orElse(Severity.INFO);
        }
    }

    /** Every finding once: the hosts', the pairs', the operator's and the clock's. */
    public List<CheckFinding> findings() {
        List<CheckFinding> all = new ArrayList<>();
        hostFindings.values().forEach(all::addAll);
        pairs.forEach(c -> all.addAll(c.findings()));
        all.addAll(operator);
        all.addAll(clock);
        return all;
    }

    /** The fixes of every blocker and warning, each once, in the order Diagnosis gives its own. */
    public List<String> fixPlan() {
        return Diagnosis.fixPlan(findings());
    }

    @Override
    public ExitStatus exitStatus() {
        return findings().stream().anyMatch(CheckFinding::blocks) ? ExitStatus.PROBLEM : ExitStatus.OK;
    }

    /**
     * The matrix, graph and report's view: a cell is blocked or at risk by its own direction's findings, by the
     * destination's and the source's accounts and SPNs, and by the operator and the clock, which every move shares.
     */
    public MeshPicture picture() {
        List<MeshPicture.Cell> cells = new ArrayList<>();
        for (Cell pair : pairs) {
            List<CheckFinding> judgedHere = Stream.of(pair.findings(), hostFindings.getOrDefault(pair.destination(),
                            List.of()), hostFindings.getOrDefault(pair.source(), List.of()), operator, clock)
                    .flatMap(List::stream).filter(f -> f.severity() != Severity.INFO).toList();
            List<MeshPicture.Rule> failing = judgedHere.stream().map(f -> PictureRules.of(f.rule())).distinct()
                    .sorted().toList();
            MeshPicture.Verdict verdict = judgedHere.stream().anyMatch(CheckFinding::blocks)
                    ? MeshPicture.Verdict.BLOCKED
                    : judgedHere.isEmpty() ? MeshPicture.Verdict.OK : MeshPicture.Verdict.RISK;
            cells.add(new MeshPicture.Cell(pair.source(), pair.destination(), verdict, failing));
        }
        return new MeshPicture(subject, hosts, cells, edges, findingLines(), fixPlan());
    }

    /** Every blocker and warning as one line, blockers first: hosts, then directions, then operator and clock. */
    private List<String> findingLines() {
        List<String> lines = new ArrayList<>();
        hostFindings.forEach((host, findings) -> findings.stream().filter(f -> f.severity() != Severity.INFO)
                .forEach(f -> lines.add(f.severity() + " " + host + ": " + f.problem())));
        pairs.forEach(c -> c.findings().stream().filter(f -> f.severity() != Severity.INFO)
                .forEach(f -> lines.add(f.severity() + " " + c.source() + " -> " + c.destination() + ": "
                        + f.problem())));
        Stream.concat(operator.stream(), clock.stream()).filter(f -> f.severity() != Severity.INFO)
                .forEach(f -> lines.add(f.severity() + " " + f.object() + ": " + f.problem()));
        lines.sort(Comparator.comparing((String l) -> !l.startsWith(Severity.BLOCKER.name())));
        return lines;
    }

    @Override
    public void renderText(TextOut out) {
        out.line(subject + ": " + hosts.size() + " hosts, " + pairs.size() + " ordered pairs judged, " + searches
                + " LDAP operations");
        out.line("judged: " + judged);
        MatrixText.render(picture(), out);
        List<String> lines = findingLines();
        if (!lines.isEmpty()) {
            out.blank();
            lines.forEach(out::line);
        }
        long blocked = pairs.stream().filter(c -> c.worst() == Severity.BLOCKER).count();
        out.blank().line(blocked == 0 ? "no direction is blocked by its delegation"
                : blocked + " of " + pairs.size() + " ordered pairs are blocked by their delegation");
        List<String> plan = fixPlan();
        if (!plan.isEmpty()) {
            out.line("fix with:");
            plan.forEach(c -> out.line("  " + c));
        }
    }
}
