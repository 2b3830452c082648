package kerbshell.diagnosis;

import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.kerberos.KdcLogon;
import kerbshell.kerberos.ServiceTicketResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * check host, pair, cluster and user: reads the facts once (a number of searches that grows with the hosts, not
 * the pairs), then judges every host, every direction and the operator in memory.
 */
public final class CheckService {
    private final DirectorySession session;

    public CheckService(DirectorySession session) {
        this.session = session;
    }

    public Diagnosis host(String name) {
        FactsReader reader = new FactsReader(session);
        Map<String, Optional<HostFacts>> hosts = reader.hosts(List.of(name));
        List<Diagnosis.Section> sections = new ArrayList<>(hostSections(reader, hosts));
        return new Diagnosis("check host " + name, sections, List.of(), reader.searches());
    }

    /**
     * @param operator the account that starts migrations, or null for the session's own
     * @param kdc      a logon as the operator to ask the KDC for each SPN the moves use, or null
     */
    public Diagnosis pair(String first, String second, String operator, KdcLogon kdc) {
        if (first.equalsIgnoreCase(second)) {
            throw KerbshellException.usage("a pair needs two different hosts, not " + first + " twice");
        }
        FactsReader reader = new FactsReader(session);
        Map<String, Optional<HostFacts>> hosts = reader.hosts(List.of(first, second));
        List<Diagnosis.Section> sections = new ArrayList<>(hostSections(reader, hosts));
        List<ServiceTicketResult> tickets = new ArrayList<>();
        Optional<HostFacts> a = hosts.get(first);
        Optional<HostFacts> b = hosts.get(second);
        if (a.isPresent() && b.isPresent()) {
            sections.add(new Diagnosis.Section("forest", List.of(sameDomain(a.get(), b.get()))));
            sections.add(new Diagnosis.Section(a.get().name() + " -> " + b.get().name(), PairCheck.check(a.get(), b.get())));
            sections.add(new Diagnosis.Section(b.get().name() + " -> " + a.get().name(), PairCheck.check(b.get(), a.get())));
            if (kdc != null) {
                for (HostFacts destination : List.of(b.get(), a.get())) {
                    PairCheck.delegatedSpns(destination).forEach(spn -> tickets.add(kdc.requestServiceTicket(spn)));
                }
                List<CheckFinding> refused = tickets.stream().filter(t -> !t.issued()).map(t -> CheckFinding.blocker(
                        t.spn(), "the KDC refused a ticket for " + t.spn() + ": " + t.errorCode() + " " + t.errorName(),
                        t.explanation(), "0x80090303", List.of("spn find \"" + t.spn() + "\""))).toList();
                if (!refused.isEmpty()) {
                    sections.add(new Diagnosis.Section("the KDC", refused));
                }
            }
        }
        sections.add(new Diagnosis.Section("operator", OperatorCheck.check(reader.operator(operatorName(operator)))));
        sections.add(new Diagnosis.Section("clock", OperatorCheck.clock(reader.clockSkewSeconds())));
        return new Diagnosis("check pair " + first + " " + second, sections, tickets, reader.searches());
    }

    /** Every ordered pair of a set of hosts, given by name, group or OU. */
    public ClusterDiagnosis cluster(List<String> names, String group, String ou, String operator) {
        FactsReader reader = new FactsReader(session);
        Map<String, HostFacts> hosts = new LinkedHashMap<>();
        if (group != null) {
            reader.groupMembers(group).forEach(h -> hosts.put(h.samAccountName(), h));
        } else if (ou != null) {
            reader.computersBelow(ou).forEach(h -> hosts.put(h.samAccountName(), h));
        } else {
            Map<String, Optional<HostFacts>> found = reader.hosts(names);
            found.forEach((name, host) -> host.ifPresentOrElse(h -> hosts.put(h.samAccountName(), h),
                    () -> {
                        throw KerbshellException.failure("no account named " + name + " in " + session.settings().domain());
                    }));
        }
        if (hosts.size() < 2) {
            throw KerbshellException.usage("a cluster check needs at least two hosts; found " + hosts.size());
        }
        HostCheck hostCheck = hostCheck(reader, hosts.values().stream().toList());
        Map<String, List<CheckFinding>> perHost = new LinkedHashMap<>();
        hosts.values().forEach(h -> perHost.put(h.name(), hostCheck.check(h.name(), h)));
        List<ClusterDiagnosis.Cell> cells = new ArrayList<>();
        for (HostFacts source : hosts.values()) {
            for (HostFacts destination : hosts.values()) {
                if (source != destination) {
                    cells.add(new ClusterDiagnosis.Cell(source.name(), destination.name(),
                            PairCheck.check(source, destination)));
                }
            }
        }
        List<CheckFinding> operatorFindings = OperatorCheck.check(reader.operator(operatorName(operator)));
        return new ClusterDiagnosis(hosts.values().stream().map(HostFacts::name).toList(), perHost, cells,
                operatorFindings, OperatorCheck.clock(reader.clockSkewSeconds()), reader.searches());
    }

    /** Whether an account can be used for delegated migration, and why not. */
    public Diagnosis user(String name) {
        FactsReader reader = new FactsReader(session);
        OperatorFacts operator = reader.operator(operatorName(name));
        List<CheckFinding> findings = new ArrayList<>(OperatorCheck.check(operator));
        findings.add(CheckFinding.info(operator.samAccountName(), "groups: "
                + (operator.groups().isEmpty() ? "(none listed)" : String.join(", ", operator.groups()))));
        return new Diagnosis("check user " + operator.samAccountName(),
                List.of(new Diagnosis.Section(operator.samAccountName(), findings)), List.of(), reader.searches());
    }

    /**
     * Both hosts were found in the session's domain, so they share its forest; constrained delegation by
     * msDS-AllowedToDelegateTo works only within a domain, which a pair found here always is.
     */
    private CheckFinding sameDomain(HostFacts a, HostFacts b) {
        return CheckFinding.info("forest", a.name() + " and " + b.name() + " are both in domain "
                + session.settings().domain() + " (same forest; no trust needed)");
    }

    private List<Diagnosis.Section> hostSections(FactsReader reader, Map<String, Optional<HostFacts>> hosts) {
        HostCheck check = hostCheck(reader, hosts.values().stream().flatMap(Optional::stream).toList());
        List<Diagnosis.Section> sections = new ArrayList<>();
        hosts.forEach((name, host) -> sections.add(new Diagnosis.Section(host.map(h -> "host " + h.name())
                .orElse("host " + name), host.map(h -> check.check(name, h)).orElse(List.of(CheckFinding.blocker(name,
                "no account named " + name + " in " + session.settings().domain(),
                "the KDC has no keys for a host it does not know", "0x80090303",
                List.of("host: join " + name + " to the domain, or check the name")))))));
        return sections;
    }

    private static HostCheck hostCheck(FactsReader reader, List<HostFacts> hosts) {
        List<String> spns = new ArrayList<>();
        hosts.forEach(h -> spns.addAll(HostCheck.spnsToLookUp(h)));
        Set<String> mapped = reader.hostMappedClasses();
        return new HostCheck(reader.holders(spns), mapped);
    }

    private String operatorName(String operator) {
        return operator != null ? operator : session.settings().user();
    }
}
