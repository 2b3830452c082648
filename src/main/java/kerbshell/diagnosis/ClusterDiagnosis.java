package kerbshell.diagnosis;

import kerbshell.rules.CheckFinding;
import kerbshell.rules.Severity;

import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** check cluster: every host, every ordered pair as a matrix (failures first), the operator and the clock. */
public record ClusterDiagnosis(String judged, List<String> hosts, Map<String, List<CheckFinding>> hostFindings, List<Cell> pairs,
                               List<CheckFinding> operator, List<CheckFinding> clock, long searches)
        implements Renderable {

    /** One ordered pair: source to destination, and what the check of that direction found. */
    public record Cell(String source, String destination, List<CheckFinding> findings) {
        public Severity worst() {
            return findings.stream().map(CheckFinding::severity).min(Comparator.naturalOrder()).orElse(Severity.INFO);
        }
    }

    private List<CheckFinding> all() {
        List<CheckFinding> all = new java.util.ArrayList<>();
        hostFindings.values().forEach(all::addAll);
        pairs.forEach(c -> all.addAll(c.findings()));
        all.addAll(operator);
        all.addAll(clock);
        return all;
    }

    @Override
    public ExitStatus exitStatus() {
        return all().stream().anyMatch(f -> f.severity() == Severity.BLOCKER) ? ExitStatus.PROBLEM : ExitStatus.OK;
    }

    @Override
    public void renderText(TextOut out) {
        out.line("check cluster: " + hosts.size() + " hosts, " + pairs.size() + " ordered pairs, " + searches
                + " LDAP operations");
        out.line("judged: " + judged);
        out.line("rows: source, columns: destination; ok, ! risk, X blocked, # host itself");
        String[] header = new String[hosts.size() + 1];
        header[0] = "";
        for (int i = 0; i < hosts.size(); i++) {
            header[i + 1] = hosts.get(i);
        }
        TextOut.Table table = out.table(header);
        for (String source : hosts) {
            Object[] row = new Object[hosts.size() + 1];
            row[0] = source;
            for (int i = 0; i < hosts.size(); i++) {
                String destination = hosts.get(i);
                row[i + 1] = source.equals(destination) ? "#" : pairs.stream()
                        .filter(c -> c.source().equals(source) && c.destination().equals(destination)).findFirst()
                        .map(c -> switch (c.worst()) {
                            case BLOCKER -> "X";
                            case WARNING -> "!";
                            case INFO -> "ok";
                        }).orElse("?");
            }
            table.row(row);
        }
        table.print();
        hostFindings.forEach((host, findings) -> findings.stream().filter(f -> f.severity() != Severity.INFO)
                .sorted(Comparator.comparing(CheckFinding::severity))
                .forEach(f -> out.line(f.severity() + " " + host + ": " + f.problem() + "  fix: " + String.join("; ", f.fix()))));
        pairs.stream().sorted(Comparator.comparing(Cell::worst)).forEach(c -> c.findings().stream()
                .filter(f -> f.severity() != Severity.INFO)
                .forEach(f -> out.line(f.severity() + " " + c.source() + " -> " + c.destination() + ": " + f.problem()
                        + "  fix: " + String.join("; ", f.fix()))));
        java.util.stream.Stream.concat(operator.stream(), clock.stream()).filter(f -> f.severity() != Severity.INFO)
                .forEach(f -> out.line(f.severity() + " " + f.object() + ": " + f.problem() + "  fix: "
                        + String.join("; ", f.fix())));
        long blocked = pairs.stream().filter(c -> c.worst() == Severity.BLOCKER).count();
        out.line(blocked == 0 ? "no pair is blocked" : blocked + " of " + pairs.size() + " ordered pairs are blocked");
    }
}
