package kerbshell.picture;

import java.util.List;
import java.util.Optional;

/**
 * What the pictures of a check over many hosts show, independent of how the check judged it: the hosts, one
 * verdict per ordered pair it judged (a matrix cell), the delegation between the hosts as edges, and the check's
 * findings and fix plan as lines. {@link MatrixText}, {@link DotGraph} and {@link HtmlReport} draw it. Immutable.
 *
 * @param hosts    the hosts in row (and column) order
 * @param cells    the ordered pairs judged; a pair not listed was not judged (shown blank)
 * @param edges    the delegation between hosts as it is, and the delegation that is needed but missing
 * @param findings the check's findings, worst first, one sentence each
 * @param fixPlan  the check's fix plan as kerbshell command lines
 */
public record MeshPicture(String title, List<String> hosts, List<Cell> cells, List<Edge> edges,
                          List<String> findings, List<String> fixPlan) {

    /** The verdict on moves from one host to another. */
    public enum Verdict {
        OK, RISK, BLOCKED
    }

    /**
     * What a cell fails on, each with the mark it shows in the matrix; a cell shows the mark of its first
     * failing rule, in this order.
     */
    public enum Rule {
        HOST("H", "host account: disabled, no DNS name or missing"),
        SPN("S", "SPN: missing on the destination, or held by another account"),
        DELEGATION("D", "delegation: the source may not delegate to the destination's services"),
        PROTOCOL_TRANSITION("P", "protocol transition: Kerberos only, but moves started remotely need any protocol"),
        OPERATOR("O", "operator: sensitive, in Protected Users or disabled"),
        CLOCK("C", "clock: skew with the DC near or past Kerberos's 5 minutes"),
        ENCRYPTION("E", "encryption: no AES key, or RC4 only"),
        UNCONSTRAINED("U", "unconstrained delegation: works, but a known risk"),
        OTHER("!", "another finding: see the list");

        private final String mark;
        private final String meaning;

        Rule(String mark, String meaning) {
            this.mark = mark;
            this.meaning = meaning;
        }

        public String mark() {
            return mark;
        }

        public String meaning() {
            return meaning;
        }
    }

    /** One ordered pair: its verdict and the rules it fails (empty when OK). */
    public record Cell(String source, String destination, Verdict verdict, List<Rule> failing) {
        /** The one mark the matrix shows: "ok", or the mark of the first failing rule. */
        public String mark() {
            return verdict == Verdict.OK || failing.isEmpty() ? "ok"
                    : failing.stream().sorted().findFirst().orElseThrow().mark();
        }
    }

    /** How one host may act for users towards another. */
    public enum EdgeKind {
        KERBEROS_ONLY("constrained, Kerberos only"),
        PROTOCOL_TRANSITION("constrained, any protocol (protocol transition)"),
        RBCD("resource-based (on the destination)"),
        UNCONSTRAINED("unconstrained (any service)"),
        MISSING("needed, missing");

        private final String meaning;

        EdgeKind(String meaning) {
            this.meaning = meaning;
        }

        public String meaning() {
            return meaning;
        }
    }

    /** A delegation from one host to another. */
    public record Edge(String from, String to, EdgeKind kind) {
    }

    public Optional<Cell> cell(String source, String destination) {
        return cells.stream().filter(c -> c.source().equals(source) && c.destination().equals(destination))
                .findFirst();
    }

    /** The rules some cell fails, in mark order: what the legend names. */
    public List<Rule> rulesShown() {
        return cells.stream().flatMap(c -> c.failing().stream()).distinct().sorted().toList();
    }
}
