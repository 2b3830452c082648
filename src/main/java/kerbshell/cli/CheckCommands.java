package kerbshell.cli;

import kerbshell.rules.Move;

import kerbshell.diagnosis.CheckService;
import kerbshell.diagnosis.ClusterDiagnosis;
import kerbshell.diagnosis.Diagnosis;
import kerbshell.diagnosis.FixPlan;
import kerbshell.diagnosis.HostSet;
import kerbshell.picture.PictureFiles;
import kerbshell.error.KerbshellException;
import kerbshell.recipe.RecipeFiles;
import kerbshell.session.SessionKerberos;
import kerbshell.session.SessionManager;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

import java.nio.file.Path;
import java.util.List;

/** check host, pair, cluster, user: every reason a migration would fail, each with its fix. */
@Command(command = "check", group = "Diagnosis")
public class CheckCommands {
    private static final String FIX_PLAN = "Write the fixes as a recipe file to review and replay (never over an "
            + "existing file unless --force).";
    private static final String FORCE = "With --fix-plan: replace the file if it exists.";
    private static final String DOT = "Write the delegation graph to this file in Graphviz's dot language.";
    private static final String SVG = "Render the delegation graph to this SVG file (needs Graphviz).";
    private static final String HTML = "Write one self-contained report page: matrix, findings, fixes, graph.";
    private static final String STORAGE = "Judge a move of the VM and its storage (shared nothing; migration and "
            + "cifs): the default.";
    private static final String VM_ONLY = "Judge a move of the VM only, its storage being shared (migration only).";
    private static final String ON_SOURCE = "The moves are started on the source host itself, not remotely (then "
            + "Kerberos-only delegation works on every release).";
    private static final String ALLOW_DC = "Let the fix plan change a domain controller's delegation or delegate to "
            + "one (left out otherwise).";

    private final SessionManager sessions;
    private final SessionKerberos kerberos;
    private final Console console;

    CheckCommands(SessionManager sessions, SessionKerberos kerberos, Console console) {
        this.sessions = sessions;
        this.kerberos = kerberos;
        this.console = console;
    }

    @Example(value = "check host HV01",
            says = "Checks HV01's computer account: enabled, keys, DNS name, SPNs, encryption types, delegation.")
    @Example(value = "check host HV01 --fix-plan hv01-fixes.yaml",
            says = "Also writes the fixes as a recipe file to review and replay.",
            notOnLab = "it writes a file into the current directory")
    @Command(command = "host", description = "Check a Hyper-V host's computer account: enabled, keys, DNS name, "
            + "the Hyper-V and HOST SPNs held once and by it, encryption types, delegation.")
    Diagnosis host(@Option(required = true, description = "The host.")
                   @OptionValues(provider = HostNameCompletion.NAME) String host,
                   @Option(longNames = "storage", description = STORAGE) boolean storage,
                   @Option(longNames = "vm-only", description = VM_ONLY) boolean vmOnly,
                   @Option(longNames = "allow-dc", description = ALLOW_DC) boolean allowDc,
                   @Option(longNames = "fix-plan", label = "FILE", description = FIX_PLAN) String fixPlan,
                   @Option(longNames = "force", description = FORCE) boolean force) {
        return withPlan(service().host(host, request(storage, vmOnly, false, allowDc)), fixPlan, force);
    }

    @Example(value = "check pair HV01 HV02",
            says = "Checks everything a live migration needs between HV01 and HV02, in both directions.")
    @Example(value = "check pair HV01 HV02 --user alice --tickets",
            says = "Checks for the operator alice, and asks the KDC as alice for a ticket to every SPN the moves use.")
    @Command(command = "pair", description = "Check everything a live migration between two hosts needs, in both "
            + "directions: SPNs, delegation, protocol transition, the operator, the clock.")
    Diagnosis pair(@Option(required = true, description = "One host.")
                   @OptionValues(provider = HostNameCompletion.NAME) String first,
                   @Option(required = true, description = "The other host.")
                   @OptionValues(provider = HostNameCompletion.NAME) String second,
                   @Option(longNames = "user", label = "USER",
                           description = "The operator who starts migrations (default: the "
                           + "bound account).")
                   @OptionValues(provider = NameCompletion.USERS) String user,
                   @Option(longNames = "tickets", description = "Also ask the KDC, as the operator, for a ticket to "
                           + "every SPN the migrations use.") boolean tickets,
                   @Option(longNames = "storage", description = STORAGE) boolean storage,
                   @Option(longNames = "vm-only", description = VM_ONLY) boolean vmOnly,
                   @Option(longNames = "on-source", description = ON_SOURCE) boolean onSource,
                   @Option(longNames = "allow-dc", description = ALLOW_DC) boolean allowDc,
                   @Option(longNames = "fix-plan", label = "FILE", description = FIX_PLAN) String fixPlan,
                   @Option(longNames = "force", description = FORCE) boolean force) {
        CheckService.Request request = request(storage, vmOnly, onSource, allowDc);
        return withPlan(service().pair(first, second, user, tickets ? kerberos.logOn(user) : null, request), fixPlan,
                force);
    }

    @Example(value = "check cluster HV01 HV02",
            says = "Checks both ordered pairs of the two hosts as a matrix, failures first.")
    @Example(value = "check cluster --ou \"CN=Computers,DC=lab,DC=test\"",
            says = "Checks every pair of the computers below that container.")
    @Command(command = "cluster", description = "Check every ordered pair of a set of hosts, given by name, "
            + "--group or --ou, as a matrix with failures first; --dot, --svg and --html draw it.")
    ClusterDiagnosis cluster(@Option(arityMax = 1024, description = "The hosts.") List<String> hosts,
                             @Option(longNames = "group", label = "GROUP",
                                     description = "All computers in this group.") String group,
                             @Option(longNames = "ou", label = "DN",
                                     description = "All computers below this OU (a DN).") String ou,
                             @Option(longNames = "user", label = "USER",
                                     description = "The operator (default: the bound account).")
                             @OptionValues(provider = NameCompletion.USERS) String user,
                             @Option(longNames = "storage", description = STORAGE) boolean storage,
                             @Option(longNames = "vm-only", description = VM_ONLY) boolean vmOnly,
                             @Option(longNames = "on-source", description = ON_SOURCE) boolean onSource,
                             @Option(longNames = "fix-plan", label = "FILE", description = FIX_PLAN) String fixPlan,
                             @Option(longNames = "force", description = FORCE) boolean force,
                             @Option(longNames = "dot", label = "FILE", description = DOT) String dot,
                             @Option(longNames = "svg", label = "FILE", description = SVG) String svg,
                             @Option(longNames = "html", label = "FILE", description = HTML) String html) {
        HostSet set = new HostSet(hosts, group, ou);
        return drawn(service().cluster(set.names(), set.group(), set.ou(), user,
                request(storage, vmOnly, onSource, false)), fixPlan, force, dot, svg, html);
    }

    @Example(value = "check clusters HV01 HV02",
            says = "Checks moves from every node of one cluster (HV01) to every node of the other (HV02) and back.")
    @Example(value = "check clusters group:ClusterA group:ClusterB --vm-only",
            says = "Takes each cluster's nodes from a group and checks the moves of virtual machines without storage.",
            notOnLab = "the lab has no cluster groups")
    @Command(command = "clusters", description = "Check moves between two clusters: every node of one to every "
            + "node of the other and back, as one matrix, one finding list and one fix plan.")
    ClusterDiagnosis clusters(@Option(required = true, description = "One cluster's nodes: HV01,HV02, "
                                      + "group:NAME or ou:DN.") String first,
                              @Option(required = true, description = "The other cluster's nodes, the same way.")
                              String second,
                              @Option(longNames = "user", label = "USER",
                                      description = "The operator (default: the bound account).")
                              @OptionValues(provider = NameCompletion.USERS) String user,
                              @Option(longNames = "storage", description = STORAGE) boolean storage,
                              @Option(longNames = "vm-only", description = VM_ONLY) boolean vmOnly,
                              @Option(longNames = "on-source", description = ON_SOURCE) boolean onSource,
                              @Option(longNames = "fix-plan", label = "FILE", description = FIX_PLAN) String fixPlan,
                              @Option(longNames = "force", description = FORCE) boolean force,
                              @Option(longNames = "dot", label = "FILE", description = DOT) String dot,
                              @Option(longNames = "svg", label = "FILE", description = SVG) String svg,
                              @Option(longNames = "html", label = "FILE", description = HTML) String html) {
        return drawn(service().clusters(HostSet.parse(first), HostSet.parse(second), user,
                request(storage, vmOnly, onSource, false)), fixPlan, force, dot, svg, html);
    }

    @Example(value = "check replica HV01 HV02",
            says = "Checks Hyper-V Replica with Kerberos from the primary HV01 to the Replica server HV02.")
    @Example(value = "check replica HV01 HV02 --broker HVBROKER",
            says = "Checks a Replica server that is a cluster node behind the Replica Broker HVBROKER.",
            notOnLab = "the lab has no Replica Broker")
    @Command(command = "replica", description = "Check Hyper-V Replica with Kerberos between two servers (and "
            + "the Replica Broker of a cluster): the Replica SPNs held once, the names resolvable, the accounts.")
    Diagnosis replica(@Option(required = true, description = "The primary server.")
                      @OptionValues(provider = HostNameCompletion.NAME) String primary,
                      @Option(required = true, description = "The Replica server (a cluster node when --broker "
                              + "is given).") @OptionValues(provider = HostNameCompletion.NAME) String replica,
                      @Option(longNames = "broker", description = "The Replica Broker's name (its cluster network "
                              + "name object) when the Replica server is a cluster.")
                      @OptionValues(provider = HostNameCompletion.NAME) String broker,
                      @Option(longNames = "fix-plan", description = FIX_PLAN) String fixPlan,
                      @Option(longNames = "force", description = FORCE) boolean force) {
        return withPlan(service().replica(primary, replica, broker), fixPlan, force);
    }

    @Example(value = "check storage HV01 \\\\fs01\\vms", after = "lab plant computer FS01",
            says = "Checks that HV01 can open VM files on \\\\fs01\\vms for an operator at a remote console.")
    @Example(value = "check storage HV01 fs01 --user alice --on-source", after = "lab plant computer FS01",
            says = "Checks for alice working on HV01 itself.")
    @Command(command = "storage", description = "Check that a host can open VM files on an SMB share for an "
            + "operator at a remote console: delegation to the file server's cifs, its cifs SPN, the operator.")
    Diagnosis storage(@Option(required = true, description = "The Hyper-V host.")
                      @OptionValues(provider = HostNameCompletion.NAME) String host,
                      @Option(required = true, description = "The share (\\\\fs01\\vms) or the file server "
                              + "(fs01).") String share,
                      @Option(longNames = "user", description = "The operator (default: the bound account).")
                      @OptionValues(provider = NameCompletion.USERS) String user,
                      @Option(longNames = "on-source", description = "The operator works on the host itself, not "
                              + "from another machine.") boolean onSource,
                      @Option(longNames = "allow-dc", description = ALLOW_DC) boolean allowDc,
                      @Option(longNames = "fix-plan", description = FIX_PLAN) String fixPlan,
                      @Option(longNames = "force", description = FORCE) boolean force) {
        return withPlan(service().storage(host, share, user, request(false, false, onSource, allowDc)), fixPlan,
                force);
    }

    @Example(value = "check wac WAC01 HV01 HV02", after = "lab plant computer WAC01",
            says = "Checks that the Windows Admin Center gateway WAC01 can manage HV01 and HV02 by delegation.")
    @Command(command = "wac", description = "Check Windows Admin Center: resource-based delegation on every node "
            + "naming the gateway, and node-to-node delegation with protocol transition.")
    Diagnosis wac(@Option(required = true, description = "The Windows Admin Center gateway.")
                  @OptionValues(provider = HostNameCompletion.NAME) String gateway,
                  @Option(arityMax = 1024, description = "The nodes it manages.") List<String> hosts,
                  @Option(longNames = "group", description = "All computers in this group.") String group,
                  @Option(longNames = "ou", description = "All computers below this OU (a DN).") String ou,
                  @Option(longNames = "user", description = "The operator (default: the bound account).")
                  @OptionValues(provider = NameCompletion.USERS) String user,
                  @Option(longNames = "vm-only", description = VM_ONLY) boolean vmOnly,
                  @Option(longNames = "allow-dc", description = ALLOW_DC) boolean allowDc,
                  @Option(longNames = "fix-plan", description = FIX_PLAN) String fixPlan,
                  @Option(longNames = "force", description = FORCE) boolean force) {
        return withPlan(service().wac(gateway, new HostSet(hosts, group, ou), user,
                request(false, vmOnly, false, allowDc)), fixPlan, force);
    }

    @Example(value = "check user alice",
            says = "Says whether alice can start delegated migrations: not sensitive, not in Protected Users, enabled.")
    @Example(value = "check user", says = "Checks the bound account itself.")
    @Command(command = "user", description = "Check whether an account can be used for delegated migration: not "
            + "sensitive, not in Protected Users, enabled.")
    Diagnosis user(@Option(description = "The account (default: the bound account).")
                   @OptionValues(provider = NameCompletion.USERS) String user) {
        return service().user(user);
    }

    /** The move to judge: VM and storage unless --vm-only; both options at once is a usage error. */
    static CheckService.Request request(boolean storage, boolean vmOnly, boolean onSource, boolean allowDc) {
        if (storage && vmOnly) {
            throw KerbshellException.usage("--storage and --vm-only describe different moves: give one of them");
        }
        return new CheckService.Request(new Move(vmOnly ? Move.Kind.VM_ONLY : Move.Kind.VM_AND_STORAGE,
                onSource ? Move.Start.ON_SOURCE : Move.Start.REMOTE), allowDc);
    }

    private Diagnosis withPlan(Diagnosis diagnosis, String fixPlan, boolean force) {
        writePlan(diagnosis.subject(), diagnosis.fixPlan(), fixPlan, force);
        return diagnosis;
    }

    private ClusterDiagnosis drawn(ClusterDiagnosis diagnosis, String fixPlan, boolean force, String dot, String svg,
                                   String html) {
        writePlan(diagnosis.subject(), diagnosis.fixPlan(), fixPlan, force);
        PictureFiles files = new PictureFiles(path(dot), path(svg), path(html));
        if (files.any()) {
            files.write(diagnosis.picture()).forEach(console::note);
        }
        return diagnosis;
    }

    private void writePlan(String subject, List<String> plan, String file, boolean force) {
        if (file != null) {
            RecipeFiles.writeNew(FixPlan.of(subject, plan), Path.of(file), force);
            console.note("fix plan written to " + file + " (" + plan.size() + " step(s))");
        }
    }

    private static Path path(String file) {
        return file == null ? null : Path.of(file);
    }

    private CheckService service() {
        return new CheckService(sessions.current());
    }
}
