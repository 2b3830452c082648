package kerbshell.delegation;

import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code delegate audit}: every delegation in the domain, worst first, each with its fix; domain controllers,
 * which have unconstrained delegation by design, listed apart.
 */
public record AuditReport(String domain, long accountsScanned, List<Finding> findings,
                          List<String> domainControllers) implements Renderable {

    @Override
    public ExitStatus exitStatus() {
        return findings.stream().anyMatch(f -> f.severity().problem()) ? ExitStatus.PROBLEM : ExitStatus.OK;
    }

    @Override
    public void renderText(TextOut out) {
        String counts = Arrays.stream(Finding.Severity.values())
                .map(s -> findings.stream().filter(f -> f.severity() == s).count() + " " + s.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        out.line("delegation audit of " + domain + ": " + accountsScanned + " accounts scanned, " + findings.size()
                + " findings (" + counts + ")");
        for (Finding f : findings) {
            out.blank();
            out.line(String.format("%-7s %s: %s", f.severity(), f.account(), f.kind()));
            out.line("        " + f.detail());
            if (f.fix() != null) {
                out.line("        fix: " + f.fix());
            }
        }
        out.blank();
        out.line("domain controllers (unconstrained delegation by design): "
                + (domainControllers.isEmpty() ? "none found" : String.join(", ", domainControllers)));
    }
}
