package kerbshell.diagnosis;

import kerbshell.directory.Ad;
import kerbshell.spn.HyperVServices;

import java.util.ArrayList;
import java.util.List;

/** One direction of a pair: can the source delegate the operator's identity to the destination? */
final class PairCheck {
    private PairCheck() {
    }

    /** The SPNs a move from source to destination delegates to: migration and cifs, short and DNS names. */
    static List<String> delegatedSpns(HostFacts destination) {
        List<String> spns = new ArrayList<>();
        for (String name : destination.hostNames()) {
            spns.add(HyperVServices.MIGRATION + "/" + name);
        }
        for (String name : destination.hostNames()) {
            spns.add("cifs/" + name);
        }
        return spns;
    }

    static List<CheckFinding> check(HostFacts source, HostFacts destination) {
        List<CheckFinding> findings = new ArrayList<>();
        String direction = source.name() + " -> " + destination.name();
        boolean rbcd = destination.sid() != null && source.sid() != null
                && destination.rbcdAllowedSids().contains(source.sid());
        boolean unconstrained = source.has(Ad.UAC_TRUSTED_FOR_DELEGATION);
        List<String> missing = delegatedSpns(destination).stream().filter(s -> !source.delegatesTo(s)).toList();
        if (rbcd) {
            findings.add(CheckFinding.info(direction, destination.name() + " allows " + source.name()
                    + " through resource-based delegation"));
        } else if (!missing.isEmpty() && unconstrained) {
            findings.add(CheckFinding.warning(direction, source.name() + " reaches " + destination.name()
                            + " only through delegation to any service (unconstrained)",
                    "it works, but it lets whoever controls " + source.name() + " impersonate any user to any service",
                    List.of("delegate trust " + source.name() + " --to " + destination.name(),
                            "delegate untrust " + source.name() + " --any-service")));
        } else if (!missing.isEmpty()) {
            boolean none = missing.size() == delegatedSpns(destination).size();
            findings.add(CheckFinding.blocker(direction, none
                            ? source.name() + " is not trusted to delegate to " + destination.name()
                            : source.name() + " may not delegate to " + String.join(", ", missing),
                    "the source host must obtain tickets to the destination's migration and cifs services on the "
                            + "operator's behalf (S4U2Proxy); the KDC refuses SPNs not in its list",
                    "0x80090303 / 0x8009030D (KDC_ERR_BADOPTION)",
                    List.of("delegate trust " + source.name() + " --to " + destination.name())));
        }
        boolean constrainedOnly = !rbcd && !unconstrained && missing.isEmpty();
        if (constrainedOnly && !source.has(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION)
                && (source.needsProtocolTransition() || destination.needsProtocolTransition())) {
            findings.add(CheckFinding.blocker(direction, source.name() + " delegates with Kerberos only, but "
                            + osOf(source) + " hosts need protocol transition for moves started remotely",
                    "since Windows Server 2016 remote management goes through WinRM, whose ticket cannot be "
                            + "forwarded; the source must use any authentication protocol (S4U2Self)",
                    "0x8009030E (event 20306)",
                    List.of("delegate trust " + source.name() + " --to " + destination.name())));
        }
        if (findings.isEmpty()) {
            findings.add(CheckFinding.info(direction, source.name() + " may delegate to " + destination.name()
                    + "'s migration and cifs services"
                    + (source.has(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION) ? " with any protocol" : "")));
        }
        return findings;
    }

    private static String osOf(HostFacts host) {
        return host.operatingSystem() == null ? "Windows Server 2016 or later" : host.operatingSystem();
    }
}
