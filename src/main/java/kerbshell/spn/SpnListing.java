package kerbshell.spn;

import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;
import java.util.Map;

/** {@code spn list}: an account's SPNs grouped by service class, as setspn -L shows them. */
public record SpnListing(String account, String dn, int count, Map<String, List<String>> byServiceClass)
        implements Renderable {

    @Override
    public void renderText(TextOut out) {
        out.line("Registered ServicePrincipalNames for " + dn + " (" + count + "):");
        byServiceClass.forEach((serviceClass, spns) -> {
            out.line("  " + Spn.escaped(serviceClass) + ":");
            // Values other tools wrote may hold control characters: shown escaped, they cannot forge lines.
            spns.forEach(spn -> out.line("    " + Spn.escaped(spn)));
        });
    }
}
