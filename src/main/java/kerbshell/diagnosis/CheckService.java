package kerbshell.diagnosis;

import kerbshell.account.AccountSnapshot;
import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.kerberos.KdcLogon;
import kerbshell.kerberos.ServiceTicketResult;
import kerbshell.rules.CheckFinding;
import kerbshell.rules.Move;
import kerbshell.rules.RuleBook;
import kerbshell.rules.RuleContext;
import kerbshell.rules.SpnFacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * check host, pair, cluster and user: reads the facts once (account snapshots and SPN holders, in a number of
 * searches that grows with the hosts, not the pairs), then asks the rule book about every host, every direction
 * and the operator, in memory.
 */
public final class CheckService {
    private final DirectorySession session;

    public CheckService(DirectorySession session) {
        this.session = session;
    }

    /**
     * What a check is asked to judge: the move, and whether fix plans may change a domain controller's delegation.
     */
    public record Request(Move move, boolean allowDomainControllerFixes) {
        public static final Request DEFAULT = new Request(Move.DEFAULT, false);
    }

    public Diagnosis host(String name) {
        return host(name, Request.DEFAULT);
    }

    public Diagnosis host(String name, Request request) {
        FactsReader reader = new FactsReader(session);
        Map<String, Optional<AccountSnapshot>> hosts = reader.accounts().accounts(List.of(name));
        RuleContext context = context(reader, request);
        List<Diagnosis.Section> sections = new ArrayList<>(hostSections(reader, hosts, context));
        return new Diagnosis("check host " + name, request.move().describe(), sections, List.of(), reader.searches());
    }

    public Diagnosis pair(String first, String second, String operator, KdcLogon kdc) {
        return pair(first, second, operator, kdc, Request.DEFAULT);
    }

    /**
     * @param operator the account that starts migrations, or null for the session's own
     * @param kdc      a logon as the operator to ask the KDC for each SPN the moves use, or null
     */
    public Diagnosis pair(String first, String second, String operator, KdcLogon kdc, Request request) {
        if (first.equalsIgnoreCase(second)) {
            throw KerbshellException.usage("a pair needs two different hosts, not " + first + " twice");
        }
        FactsReader reader = new FactsReader(session);
        Map<String, Optional<AccountSnapshot>> hosts = reader.accounts().accounts(List.of(first, second));
        RuleContext context = context(reader, request);
        List<Diagnosis.Section> sections = new ArrayList<>(hostSections(reader, hosts, context));
        List<ServiceTicketResult> tickets = new ArrayList<>();
        Optional<AccountSnapshot> a = hosts.get(first);
        Optional<AccountSnapshot> b = hosts.get(second);
        if (a.isPresent() && b.isPresent()) {
            sections.add(new Diagnosis.Section("forest", List.of(sameDomain(a.get(), b.get()))));
            sections.add(new Diagnosis.Section(a.get().name() + " -> " + b.get().name(),
                    RuleBook.direction(a.get(), b.get(), context)));
            sections.add(new Diagnosis.Section(b.get().name() + " -> " + a.get().name(),
                    RuleBook.direction(b.get(), a.get(), context)));
            if (kdc != null) {
                for (AccountSnapshot destination : List.of(b.get(), a.get())) {
                    RuleBook.delegatedSpns(destination, request.move())
                            .forEach(spn -> tickets.add(kdc.requestServiceTicket(spn)));
                }
                List<CheckFinding> refused = tickets.stream().filter(t -> !t.issued()).map(t -> CheckFinding.blocker(
                        "kdc-refused", t.spn(), "the KDC refused a ticket for " + t.spn() + ": " + t.errorCode() + " "
                                + t.errorName(), t.explanation(), "0x80090303",
                        List.of("spn find \"" + t.spn() + "\""))).toList();
                if (!refused.isEmpty()) {
                    sections.add(new Diagnosis.Section("the KDC", refused));
                }
            }
        }
        AccountSnapshot user = reader.accounts().account(operatorName(operator));
        sections.add(new Diagnosis.Section("operator", operatorFindings(user, context)));
        sections.add(new Diagnosis.Section("clock", RuleBook.clock(reader.clockSkewSeconds())));
        return new Diagnosis("check pair " + first + " " + second, request.move().describe(), sections, tickets,
                reader.searches());
    }

    public ClusterDiagnosis cluster(List<String> names, String group, String ou, String operator) {
        return cluster(names, group, ou, operator, Request.DEFAULT);
    }

    /** Every ordered pair of a set of hosts, given by name, group or OU. */
    public ClusterDiagnosis cluster(List<String> names, String group, String ou, String operator, Request request) {
        FactsReader reader = new FactsReader(session);
        Map<String, AccountSnapshot> hosts = hostsOf(reader, new HostSet(names, group, ou));
        if (hosts.size() < 2) {
            throw KerbshellException.usage("a cluster check needs at least two hosts; found " + hosts.size());
        }
        List<AccountSnapshot> all = List.copyOf(hosts.values());
        return judge(reader, "check cluster " + String.join(" ", all.stream().map(AccountSnapshot::name).toList()),
                all, (source, destination) -> true, operator, request);
    }

    /**
     * Moves between two clusters: every node of one to every node of the other, and back, judged once each by
     * the rule book, with one finding list and one fix plan. The moves inside each cluster are check cluster's.
     */
    public ClusterDiagnosis clusters(HostSet first, HostSet second, String operator, Request request) {
        FactsReader reader = new FactsReader(session);
        Map<String, AccountSnapshot> a = hostsOf(reader, first);
        Map<String, AccountSnapshot> b = hostsOf(reader, second);
        if (a.isEmpty() || b.isEmpty()) {
            throw KerbshellException.usage((a.isEmpty() ? first : second) + " names no computer");
        }
        for (String host : a.keySet()) {
            if (b.containsKey(host)) {
                throw KerbshellException.usage(a.get(host).name() + " is in both " + first + " and " + second
                        + ": give two separate sets of hosts");
            }
        }
        List<AccountSnapshot> all = new ArrayList<>(a.values());
        all.addAll(b.values());
        return judge(reader, "check clusters " + first + " " + second, all, (source, destination) ->
                a.containsKey(source.samAccountName()) != a.containsKey(destination.samAccountName()), operator,
                request);
    }

    /**
     * Asks the rule book about every host once and about every ordered pair of different hosts that
     * {@code judged} accepts. The facts were read once, so the searches do not grow with the pairs.
     */
    private ClusterDiagnosis judge(FactsReader reader, String subject, List<AccountSnapshot> all,
                                   BiPredicate<AccountSnapshot, AccountSnapshot> judged, String operator,
                                   Request request) {
        RuleContext context = context(reader, request);
        SpnFacts spns = reader.spnFacts(all);
        Map<String, List<CheckFinding>> perHost = new LinkedHashMap<>();
        all.forEach(h -> perHost.put(h.name(), RuleBook.host(h.name(), h, spns, context)));
        List<ClusterDiagnosis.Cell> cells = new ArrayList<>();
        for (AccountSnapshot source : all) {
            for (AccountSnapshot destination : all) {
                if (source != destination && judged.test(source, destination)) {
                    cells.add(new ClusterDiagnosis.Cell(source.name(), destination.name(),
                            RuleBook.direction(source, destination, context)));
                }
            }
        }
        AccountSnapshot user = reader.accounts().account(operatorName(operator));
        return new ClusterDiagnosis(subject, request.move().describe(), all.stream().map(AccountSnapshot::name)
                .toList(), perHost, cells, operatorFindings(user, context), RuleBook.clock(reader.clockSkewSeconds()),
                reader.searches(), DelegationEdges.of(all, judged, request.move()));
    }

    /** The hosts a set names, by sAMAccountName, in the order given or found. */
    private Map<String, AccountSnapshot> hostsOf(FactsReader reader, HostSet set) {
        Map<String, AccountSnapshot> hosts = new LinkedHashMap<>();
        if (set.group() != null) {
            reader.accounts().groupMembers(set.group()).forEach(h -> hosts.put(h.samAccountName(), h));
        } else if (set.ou() != null) {
            reader.accounts().computersBelow(set.ou()).forEach(h -> hosts.put(h.samAccountName(), h));
        } else {
            reader.accounts().accounts(set.names()).forEach((name, host) -> host.ifPresentOrElse(
                    h -> hosts.put(h.samAccountName(), h), () -> {
                        throw KerbshellException.failure("no account named " + name + " in " + session.settings().domain());
                    }));
        }
        return hosts;
    }

    /**
     * Hyper-V Replica with Kerberos between two hosts (and the Replica Broker of a cluster, when named): each
     * server's Replica SPNs held once by it, each name resolvable, the accounts usable; and the note that Kerberos
     * replication traffic is not encrypted.
     */
    public Diagnosis replica(String primary, String replica, String broker) {
        if (primary.equalsIgnoreCase(replica)) {
            throw KerbshellException.usage("Replica needs two different servers, not " + primary + " twice");
        }
        FactsReader reader = new FactsReader(session);
        List<String> names = broker == null ? List.of(primary, replica) : List.of(primary, replica, broker);
        Map<String, Optional<AccountSnapshot>> accounts = reader.accounts().accounts(names);
        RuleContext context = context(reader, Request.DEFAULT);
        SpnFacts spns = reader.spnFacts(accounts.values().stream().flatMap(Optional::stream).toList());
        HostResolver resolver = HostResolver.of(session);
        List<Diagnosis.Section> sections = new ArrayList<>();
        accounts.forEach((name, account) -> {
            boolean isBroker = name.equals(broker) && broker != null;
            sections.add(new Diagnosis.Section((isBroker ? "Replica Broker " : "server ")
                    + account.map(AccountSnapshot::name).orElse(name), account.map(a -> {
                        List<CheckFinding> findings = new ArrayList<>(RuleBook.hostAccount(name, a, context));
                        findings.addAll(RuleBook.replicaServer(a, isBroker, spns));
                        findings.add(RuleBook.replicaName(a, a.dnsHostName() == null ? Optional.empty()
                                : resolver.resolve(a.dnsHostName())));
                        return findings;
                    }).orElse(List.of(unknownHost(name)))));
        });
        sections.add(new Diagnosis.Section("replication", List.of(RuleBook.replicaNotEncrypted(primary,
                broker != null ? broker : replica))));
        return new Diagnosis("check replica " + primary + " " + replica + (broker == null ? "" : " --broker " + broker),
                "Hyper-V Replica with Kerberos authentication (HTTP), both ways (the Replica server becomes the "
                        + "primary after a failover)", sections, List.of(), reader.searches());
    }

    /**
     * VM files on an SMB share, opened by a host for an operator at a remote console: the host may act for the
     * operator towards cifs/ of the file server (resource-based delegation on it, or constrained delegation with
     * protocol transition), the file server's cifs SPN is held once, and the operator can be delegated.
     */
    public Diagnosis storage(String host, String shareOrServer, String operator, Request request) {
        String server = SharePath.server(shareOrServer);
        FactsReader reader = new FactsReader(session);
        Map<String, Optional<AccountSnapshot>> accounts = reader.accounts().accounts(List.of(host, server));
        RuleContext context = context(reader, request);
        SpnFacts spns = reader.spnFacts(accounts.values().stream().flatMap(Optional::stream).toList());
        Optional<AccountSnapshot> h = accounts.get(host);
        Optional<AccountSnapshot> fs = accounts.get(server);
        List<Diagnosis.Section> sections = new ArrayList<>();
        sections.add(new Diagnosis.Section("host " + h.map(AccountSnapshot::name).orElse(host),
                h.map(a -> RuleBook.hostAccount(host, a, context)).orElse(List.of(unknownHost(host)))));
        sections.add(new Diagnosis.Section("file server " + fs.map(AccountSnapshot::name).orElse(server),
                fs.map(a -> {
                    List<CheckFinding> findings = new ArrayList<>(RuleBook.hostAccount(server, a, context));
                    findings.addAll(RuleBook.storageServer(a, spns));
                    return findings;
                }).orElse(List.of(unknownHost(server)))));
        if (h.isPresent() && fs.isPresent()) {
            sections.add(new Diagnosis.Section(h.get().name() + " -> " + fs.get().name() + " (cifs)",
                    RuleBook.storageDelegation(h.get(), fs.get(), context)));
        }
        AccountSnapshot user = reader.accounts().account(operatorName(operator));
        sections.add(new Diagnosis.Section("operator", operatorFindings(user, context)));
        sections.add(new Diagnosis.Section("clock", RuleBook.clock(reader.clockSkewSeconds())));
        // Forward slashes: the same share, and a line that recipes and the prompt split without eating backslashes.
        return new Diagnosis("check storage " + host + " " + shareOrServer.strip().replace('\\', '/'), "VM files on a share of " + server
                + ", opened by " + host + " for an operator at " + (request.move().remote()
                ? "a remote console" : "the host itself"), sections, List.of(), reader.searches());
    }

    /**
     * Windows Admin Center: resource-based delegation on every node naming the gateway, and node-to-node
     * delegation with protocol transition for moves started from it (remote moves), with every node's own
     * checks, the operator and the clock.
     */
    public Diagnosis wac(String gateway, HostSet nodes, String operator, Request request) {
        FactsReader reader = new FactsReader(session);
        Map<String, Optional<AccountSnapshot>> gatewayAccount = reader.accounts().accounts(List.of(gateway));
        Map<String, AccountSnapshot> hosts = hostsOf(reader, nodes);
        if (hosts.isEmpty()) {
            throw KerbshellException.usage(nodes + " names no computer");
        }
        Request remote = new Request(new Move(request.move().kind(), Move.Start.REMOTE),
                request.allowDomainControllerFixes());
        RuleContext context = context(reader, remote);
        List<AccountSnapshot> all = new ArrayList<>(hosts.values());
        gatewayAccount.get(gateway).ifPresent(all::add);
        SpnFacts spns = reader.spnFacts(all);
        List<Diagnosis.Section> sections = new ArrayList<>();
        Optional<AccountSnapshot> g = gatewayAccount.get(gateway);
        sections.add(new Diagnosis.Section("gateway " + g.map(AccountSnapshot::name).orElse(gateway),
                g.map(a -> RuleBook.hostAccount(gateway, a, context)).orElse(List.of(unknownHost(gateway)))));
        for (AccountSnapshot node : hosts.values()) {
            if (g.isPresent() && !g.get().sameAccount(node)) {
                sections.add(new Diagnosis.Section(g.get().name() + " -> " + node.name(),
                        List.of(RuleBook.wacGateway(g.get(), node))));
            }
        }
        hosts.values().forEach(node -> sections.add(new Diagnosis.Section("host " + node.name(),
                RuleBook.host(node.name(), node, spns, context))));
        for (AccountSnapshot source : hosts.values()) {
            for (AccountSnapshot destination : hosts.values()) {
                if (source != destination) {
                    sections.add(new Diagnosis.Section(source.name() + " -> " + destination.name(),
                            RuleBook.direction(source, destination, context)));
                }
            }
        }
        AccountSnapshot user = reader.accounts().account(operatorName(operator));
        sections.add(new Diagnosis.Section("operator", operatorFindings(user, context)));
        sections.add(new Diagnosis.Section("clock", RuleBook.clock(reader.clockSkewSeconds())));
        return new Diagnosis("check wac " + gateway + " " + nodes.asArguments(), remote.move().describe() + ", from Windows "
                + "Admin Center on " + gateway, sections, List.of(), reader.searches());
    }

    /** Whether an account can be used for delegated migration, and why not; and whether AES is usable with it. */
    public Diagnosis user(String name) {
        FactsReader reader = new FactsReader(session);
        AccountSnapshot operator = reader.accounts().account(operatorName(name));
        RuleContext context = context(reader, Request.DEFAULT);
        List<CheckFinding> findings = new ArrayList<>(operatorFindings(operator, context));
        findings.add(CheckFinding.info("operator-groups", operator.samAccountName(), "groups: "
                + (operator.groups().isEmpty() ? "(none listed)" : String.join(", ", operator.groups().stream()
                .map(g -> g.direct() ? g.name() : g.name() + " (through " + g.viaName() + ")").toList()))));
        return new Diagnosis("check user " + operator.samAccountName(), null,
                List.of(new Diagnosis.Section(operator.samAccountName(), findings)), List.of(), reader.searches());
    }

    private static List<CheckFinding> operatorFindings(AccountSnapshot operator, RuleContext context) {
        List<CheckFinding> findings = new ArrayList<>(RuleBook.operator(operator));
        findings.addAll(RuleBook.encryption(operator, context));
        return findings;
    }

    private static RuleContext context(FactsReader reader, Request request) {
        return reader.context(request.move(), request.allowDomainControllerFixes());
    }

    /**
     * Both hosts were found in the session's domain, so they share its forest; constrained delegation by
     * msDS-AllowedToDelegateTo works only within a domain, which a pair found here always is.
     */
    private CheckFinding sameDomain(AccountSnapshot a, AccountSnapshot b) {
        return CheckFinding.info("same-domain", "forest", a.name() + " and " + b.name() + " are both in domain "
                + session.settings().domain() + " (same forest; no trust needed)");
    }

    private List<Diagnosis.Section> hostSections(FactsReader reader, Map<String, Optional<AccountSnapshot>> hosts,
                                                 RuleContext context) {
        SpnFacts spns = reader.spnFacts(hosts.values().stream().flatMap(Optional::stream).toList());
        List<Diagnosis.Section> sections = new ArrayList<>();
        hosts.forEach((name, host) -> sections.add(new Diagnosis.Section(host.map(h -> "host " + h.name())
                .orElse("host " + name), host.map(h -> RuleBook.host(name, h, spns, context))
                .orElse(List.of(unknownHost(name))))));
        return sections;
    }

    private CheckFinding unknownHost(String name) {
        return CheckFinding.blocker("host-unknown", name, "no account named " + name + " in "
                        + session.settings().domain(), "the KDC has no keys for a host it does not know",
                "0x80090303", List.of("host: join " + name + " to the domain, or check the name"));
    }

    private String operatorName(String operator) {
        return operator != null ? operator : session.settings().user();
    }
}
