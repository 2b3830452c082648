package kerbshell.rules;

import kerbshell.account.AccountSnapshot;
import kerbshell.account.Rbcd;
import kerbshell.account.WindowsRelease;
import kerbshell.directory.Ad;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule book as tables, without a network: each row is one situation (release x delegation shape x name form x
 * SPN state x operator flags x move kind) with the verdict and the fix the rules must give. The expectations are
 * written out from the rules' sources (docs/check.md), not computed by the code under test.
 */
class RuleBookTest {
    private static final String MIG = "Microsoft Virtual System Migration Service";
    private static final String CONSOLE = "Microsoft Virtual Console Service";
    private static final String REPLICA = "Hyper-V Replica Service";
    /** AD's default sPNMappings for HOST, the part that matters here. */
    static final Set<String> HOST_MAPPED = Set.of("cifs", "http", "rpcss", "wsman", "dns", "alerter");

    enum Era { PRE_2016, FROM_2016, CREDENTIAL_GUARD, UNKNOWN }

    record Release(String os, String version, Era era, WindowsRelease parsed) {
        @Override
        public String toString() {
            return version == null ? "no version" : version;
        }
    }

    static final List<Release> RELEASES = List.of(
            new Release("Windows Server 2008 R2 Datacenter", "6.1 (7601)", Era.PRE_2016, WindowsRelease.WS2008_R2),
            new Release("Windows Server 2012 Datacenter", "6.2 (9200)", Era.PRE_2016, WindowsRelease.WS2012),
            new Release("Windows Server 2012 R2 Datacenter", "6.3 (9600)", Era.PRE_2016, WindowsRelease.WS2012_R2),
            new Release("Windows Server 2016 Datacenter", "10.0 (14393)", Era.FROM_2016, WindowsRelease.WS2016),
            new Release("Windows Server 2019 Datacenter", "10.0 (17763)", Era.FROM_2016, WindowsRelease.WS2019),
            new Release("Windows Server 2022 Datacenter", "10.0 (20348)", Era.FROM_2016, WindowsRelease.WS2022),
            new Release("Windows Server 2025 Datacenter", "10.0 (26100)", Era.CREDENTIAL_GUARD, WindowsRelease.WS2025),
            new Release(null, null, Era.UNKNOWN, WindowsRelease.UNKNOWN),
            new Release("Windows 10 Enterprise", "10.0 (19045)", Era.UNKNOWN, WindowsRelease.UNKNOWN));

    enum Shape { NONE, KERBEROS_ONLY, PROTOCOL_TRANSITION, MIGRATION_ONLY, SHORT_NAME_ONLY, DNS_NAME_ONLY, UNCONSTRAINED,
        RBCD, RBCD_UNREADABLE }

    static final List<Move> MOVES = List.of(new Move(Move.Kind.VM_AND_STORAGE, Move.Start.REMOTE),
            new Move(Move.Kind.VM_AND_STORAGE, Move.Start.ON_SOURCE), new Move(Move.Kind.VM_ONLY, Move.Start.REMOTE),
            new Move(Move.Kind.VM_ONLY, Move.Start.ON_SOURCE));

    /** What one row expects: the rule of the worst finding, its severity, its fix, words its problem contains. */
    record Expected(String rule, Severity severity, List<String> fix, String words) {
    }

    // ---------------------------------------------------------------------------------------------------------
    // Delegation: release x shape x move (324 rows)

    static Stream<Arguments> directions() {
        List<Arguments> rows = new ArrayList<>();
        for (Release release : RELEASES) {
            for (Shape shape : Shape.values()) {
                for (Move move : MOVES) {
                    rows.add(Arguments.of(release, shape, move));
                }
            }
        }
        return rows.stream();
    }

    /** The delegation table, from Microsoft's guidance (S11, S35, S42), MS-SFU and Credential Guard (S39). */
    static Expected expectedDirection(Release release, Shape shape, Move move) {
        List<String> trust = List.of("delegate trust HV01 --to HV02" + (move.storage() ? "" : " --services migration"));
        boolean needsTransition = move.remote() && release.era() != Era.PRE_2016;
        return switch (shape) {
            case NONE, RBCD_UNREADABLE -> new Expected("delegation-none", Severity.BLOCKER, trust,
                    "HV01 is not trusted to delegate to HV02");
            case KERBEROS_ONLY -> needsTransition
                    ? new Expected("delegation-kerberos-only", Severity.BLOCKER, trust, "need protocol transition")
                    : new Expected("delegation-ok", Severity.INFO, List.of(), "with Kerberos only");
            case PROTOCOL_TRANSITION -> new Expected("delegation-ok", Severity.INFO, List.of(), "with any protocol");
            case MIGRATION_ONLY -> move.storage()
                    ? new Expected("delegation-missing", Severity.BLOCKER, trust, "may not delegate to cifs/HV02, "
                    + "cifs/hv02.corp.test")
                    : new Expected("delegation-ok", Severity.INFO, List.of(), "with any protocol");
            case SHORT_NAME_ONLY -> new Expected("delegation-missing", Severity.BLOCKER, trust,
                    "moves to HV02 by the name hv02.corp.test fail");
            case DNS_NAME_ONLY -> new Expected("delegation-missing", Severity.BLOCKER, trust,
                    "moves to HV02 by the name HV02 fail");
            case UNCONSTRAINED -> new Expected("delegation-unconstrained", release.era() == Era.CREDENTIAL_GUARD
                    ? Severity.BLOCKER : Severity.WARNING, List.of(trust.get(0), "delegate untrust HV01 --any-service"),
                    "only because it is trusted for delegation to any service (unconstrained)");
            case RBCD -> new Expected("delegation-rbcd", Severity.INFO, List.of(), "through resource-based delegation");
        };
    }

    static AccountSnapshot[] shaped(Release release, Shape shape) {
        Accounts source = Accounts.host("HV01").release(release.os(), release.version());
        Accounts destination = Accounts.host("HV02");
        List<String> migration = List.of(MIG + "/HV02", MIG + "/hv02.corp.test");
        List<String> cifs = List.of("cifs/HV02", "cifs/hv02.corp.test");
        switch (shape) {
            case NONE -> {
            }
            case KERBEROS_ONLY -> source.delegatesTo(concat(migration, cifs));
            case PROTOCOL_TRANSITION -> source.delegatesTo(concat(migration, cifs))
                    .flags(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION);
            case MIGRATION_ONLY -> source.delegatesTo(migration.toArray(String[]::new))
                    .flags(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION);
            case SHORT_NAME_ONLY -> source.delegatesTo(MIG + "/HV02", "cifs/HV02")
                    .flags(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION);
            case DNS_NAME_ONLY -> source.delegatesTo(MIG + "/hv02.corp.test", "cifs/hv02.corp.test")
                    .flags(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION);
            case UNCONSTRAINED -> source.flags(Ad.UAC_TRUSTED_FOR_DELEGATION);
            case RBCD, RBCD_UNREADABLE -> {
            }
        }
        AccountSnapshot from = source.build();
        if (shape == Shape.RBCD) {
            destination.rbcd(Rbcd.allowing(from.sid()));
        } else if (shape == Shape.RBCD_UNREADABLE) {
            destination.rbcd(Rbcd.decode(new byte[]{1, 0, 4}));
        }
        return new AccountSnapshot[]{from, destination.build()};
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("directions")
    void delegationIsJudgedByReleaseShapeAndMove(Release release, Shape shape, Move move) {
        AccountSnapshot[] pair = shaped(release, shape);
        List<CheckFinding> findings = RuleBook.direction(pair[0], pair[1], RuleContext.of(move, Accounts.DOMAIN));
        assertVerdict(expectedDirection(release, shape, move), findings);
        if (shape == Shape.RBCD_UNREADABLE) {
            assertTrue(findings.stream().anyMatch(f -> f.rule().equals("rbcd-unreadable")
                    && f.severity() == Severity.WARNING), "an unreadable descriptor is a finding: " + findings);
        }
        if (shape == Shape.KERBEROS_ONLY && release.era() == Era.UNKNOWN && move.remote()) {
            assertTrue(worst(findings).problem().contains("judged as 2016 or later"), worst(findings).problem());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // SPNs of the destination: SPN x state x move kind (48 rows)

    enum SpnState { MISSING, ELSEWHERE, DUPLICATE, SHADOWED, UNMAPPED }

    static Stream<Arguments> spnStates() {
        List<Arguments> rows = new ArrayList<>();
        List<String> hyperV = List.of(MIG + "/HV02", MIG + "/hv02.corp.test", CONSOLE + "/HV02", REPLICA + "/hv02.corp.test");
        for (Move.Kind kind : Move.Kind.values()) {
            for (String spn : hyperV) {
                for (SpnState state : List.of(SpnState.MISSING, SpnState.ELSEWHERE, SpnState.DUPLICATE)) {
                    rows.add(Arguments.of(spn, state, kind));
                }
            }
            for (String spn : List.of("HOST/HV02", "HOST/hv02.corp.test")) {
                for (SpnState state : List.of(SpnState.MISSING, SpnState.ELSEWHERE, SpnState.DUPLICATE)) {
                    rows.add(Arguments.of(spn, state, kind));
                }
            }
            for (String spn : List.of("cifs/HV02", "cifs/hv02.corp.test")) {
                for (SpnState state : List.of(SpnState.SHADOWED, SpnState.DUPLICATE, SpnState.UNMAPPED)) {
                    rows.add(Arguments.of(spn, state, kind));
                }
            }
        }
        return rows.stream();
    }

    /** The SPN table, from setspn's and the KDC's rules (S1, S45; KDC event 11; KRB_AP_ERR_MODIFIED). */
    static Expected expectedSpn(String spn, SpnState state, Move.Kind kind) {
        boolean storage = kind == Move.Kind.VM_AND_STORAGE;
        String remove = "spn remove HV03 \"" + spn + "\"";
        String add = spn.startsWith("HOST/") || spn.startsWith("cifs/") ? "spn add HV02 \"" + spn + "\""
                : "spn hyperv HV02 --add";
        if (spn.startsWith("cifs/")) {
            Severity severity = storage ? Severity.BLOCKER : Severity.WARNING;
            return switch (state) {
                case SHADOWED -> new Expected("spn-shadowed", severity, List.of(remove), "which shadows this host's HOST/ SPN");
                case DUPLICATE -> new Expected("spn-duplicate", severity, List.of(remove), spn + " is also held by HV03$");
                case UNMAPPED -> new Expected("spn-cifs-missing", severity, List.of("spn add HV02 " + spn),
                        "cifs is not mapped to HOST");
                default -> throw new IllegalArgumentException(state.name());
            };
        }
        boolean host = spn.startsWith("HOST/");
        return switch (state) {
            case MISSING -> host
                    ? new Expected("spn-host-missing", storage ? Severity.BLOCKER : Severity.WARNING, List.of(add),
                    spn + " is not registered")
                    : new Expected("spn-missing", spn.startsWith(MIG) ? Severity.BLOCKER : Severity.WARNING,
                    List.of(add), spn + " is not registered");
            case ELSEWHERE -> new Expected("spn-other-holder", Severity.BLOCKER, List.of(remove, add),
                    spn + " is held by HV03$, not HV02$");
            case DUPLICATE -> new Expected("spn-duplicate", Severity.BLOCKER, List.of(remove),
                    spn + " is also held by HV03$");
            default -> throw new IllegalArgumentException(state.name());
        };
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("spnStates")
    void everySpnTheMoveNeedsIsHeldOnceByTheHost(String spn, SpnState state, Move.Kind kind) {
        Accounts destination = Accounts.host("HV02");
        Accounts other = Accounts.host("HV03");
        Set<String> mapped = HOST_MAPPED;
        switch (state) {
            case MISSING -> destination.withoutSpn(spn);
            case ELSEWHERE -> {
                destination.withoutSpn(spn);
                other.spn(spn);
            }
            case DUPLICATE -> {
                if (spn.startsWith("cifs/")) {
                    destination.spn(spn);
                }
                other.spn(spn);
            }
            case SHADOWED -> other.spn(spn);
            case UNMAPPED -> mapped = Set.of("http");
        }
        AccountSnapshot hv02 = destination.build();
        AccountSnapshot hv03 = other.build();
        List<CheckFinding> findings = RuleBook.host("HV02", hv02, facts(mapped, hv02, hv03),
                RuleContext.of(new Move(kind, Move.Start.REMOTE), Accounts.DOMAIN));
        Expected expected = expectedSpn(spn, state, kind);
        assertVerdict(expected, findings.stream().filter(f -> f.severity() == Severity.INFO
                || f.problem().contains(spn)).toList());
        if (spn.startsWith("HOST/") && state == SpnState.DUPLICATE) {
            CheckFinding duplicate = find(findings, "spn-duplicate");
            assertTrue(duplicate.why().contains("cifs"), "a duplicated HOST/ breaks every class it covers: "
                    + duplicate.why());
            assertEquals(1, findings.stream().filter(CheckFinding::blocks).count(),
                    "cifs/ through the duplicated HOST/ is not reported twice: " + findings);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The operator: flags x encryption types (18 rows)

    enum OperatorFlags { NONE, DISABLED, SENSITIVE, PROTECTED_USERS, PROTECTED_USERS_NESTED, SENSITIVE_AND_NESTED }

    static Stream<Arguments> operators() {
        List<Arguments> rows = new ArrayList<>();
        for (OperatorFlags flags : OperatorFlags.values()) {
            for (Integer etypes : new Integer[]{null, 24, 4}) {
                rows.add(Arguments.of(flags, etypes));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} etypes {1}")
    @MethodSource("operators")
    void theOperatorMustBeDelegable(OperatorFlags flags, Integer etypes) {
        Accounts alice = Accounts.user("alice").etypes(etypes);
        switch (flags) {
            case NONE -> {
            }
            case DISABLED -> alice.flags(Ad.UAC_ACCOUNTDISABLE);
            case SENSITIVE -> alice.flags(Ad.UAC_NOT_DELEGATED);
            case PROTECTED_USERS -> alice.protectedUsersDirectly();
            case PROTECTED_USERS_NESTED -> alice.protectedUsersThrough("Tier0 Admins");
            case SENSITIVE_AND_NESTED -> alice.flags(Ad.UAC_NOT_DELEGATED).protectedUsersThrough("Tier0 Admins");
        }
        AccountSnapshot operator = alice.build();
        List<CheckFinding> findings = RuleBook.operator(operator);
        Map<String, List<String>> blockers = new HashMap<>();
        findings.stream().filter(CheckFinding::blocks).forEach(f -> blockers.put(f.rule(), f.fix()));
        Map<String, List<String>> expected = switch (flags) {
            case NONE -> Map.of();
            case DISABLED -> Map.of("operator-disabled", List.of("account enable alice"));
            case SENSITIVE -> Map.of("operator-sensitive", List.of("account delegable alice"));
            case PROTECTED_USERS -> Map.of("operator-protected-users",
                    List.of("group remove-member \"Protected Users\" alice"));
            case PROTECTED_USERS_NESTED -> Map.of("operator-protected-users",
                    List.of("group remove-member \"Tier0 Admins\" alice"));
            case SENSITIVE_AND_NESTED -> Map.of("operator-sensitive", List.of("account delegable alice"),
                    "operator-protected-users", List.of("group remove-member \"Tier0 Admins\" alice"));
        };
        assertEquals(expected, blockers);
        if (flags == OperatorFlags.NONE) {
            assertEquals("operator-delegable", findings.get(0).rule());
        }
        if (flags == OperatorFlags.PROTECTED_USERS_NESTED) {
            assertTrue(find(findings, "operator-protected-users").problem().endsWith("through group Tier0 Admins"));
        }
        CheckFinding etype = RuleBook.encryption(operator, RuleContext.of(Move.DEFAULT, Accounts.DOMAIN)).get(0);
        assertEquals(etypes == null ? "etype-default" : etypes == 4 ? "etype-rc4-only" : "etype-aes", etype.rule());
        assertEquals(etypes != null && etypes == 4 ? Severity.WARNING : Severity.INFO, etype.severity());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Encryption types x when the keys were made (15 rows)

    static Stream<Arguments> encryption() {
        List<Arguments> rows = new ArrayList<>();
        Instant aesSince = Instant.parse("2012-03-01T00:00:00Z");
        for (Integer etypes : new Integer[]{null, 4, 24, 28, 31}) {
            rows.add(Arguments.of(etypes, Instant.parse("2009-06-01T00:00:00Z"), aesSince));
            rows.add(Arguments.of(etypes, Instant.parse("2023-06-01T00:00:00Z"), aesSince));
            rows.add(Arguments.of(etypes, Instant.parse("2009-06-01T00:00:00Z"), null));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "etypes {0}, keys {1}, AES since {2}")
    @MethodSource("encryption")
    void aesIsUsableOnlyWithAesTypesAndAesKeys(Integer etypes, Instant keys, Instant aesSince) {
        AccountSnapshot hv02 = Accounts.host("HV02").etypes(etypes).passwordSet(keys).build();
        List<CheckFinding> findings = RuleBook.encryption(hv02, RuleContext.of(Move.DEFAULT, Accounts.DOMAIN)
                .withAesSince(aesSince));
        assertEquals(1, findings.size());
        CheckFinding finding = findings.get(0);
        boolean rc4Only = etypes != null && (etypes & 24) == 0;
        boolean predates = aesSince != null && keys.isBefore(aesSince);
        String rule = rc4Only ? "etype-rc4-only" : predates ? "etype-keys-predate-aes"
                : etypes == null ? "etype-default" : "etype-aes";
        assertEquals(rule, finding.rule(), finding.problem());
        assertEquals(rc4Only || predates ? Severity.WARNING : Severity.INFO, finding.severity());
        switch (rule) {
            case "etype-rc4-only" -> assertEquals("account etypes HV02 rc4,aes128,aes256", finding.fix().get(0));
            case "etype-keys-predate-aes" -> assertEquals(List.of("host: run Reset-ComputerMachinePassword on HV02 "
                    + "(new keys include AES)"), finding.fix());
            case "etype-default" -> assertTrue(finding.problem().contains("stops including RC4 in 2026"));
            default -> assertEquals(List.of(), finding.fix());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The host account itself (rows of their own)

    enum HostCase { HEALTHY, NO_DNS_NAME, DISABLED, NO_KEYS, PROTECTED_USERS, PROTECTED_USERS_NESTED, UNCONSTRAINED,
        DOMAIN_CONTROLLER, RBCD_UNREADABLE, GHOST_TARGET, DUPLICATE_TARGET, DNS_NAME_MISMATCH, NOT_A_COMPUTER }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostCases")
    void theHostAccountItself(HostCase hostCase) {
        Accounts hv02 = Accounts.host("HV02");
        Accounts hv03 = Accounts.host("HV03");
        switch (hostCase) {
            case HEALTHY -> {
            }
            case NO_DNS_NAME -> hv02.noDnsName();
            case DISABLED -> hv02.flags(Ad.UAC_ACCOUNTDISABLE);
            case NO_KEYS -> hv02.passwordSet(null);
            case PROTECTED_USERS -> hv02.protectedUsersDirectly();
            case PROTECTED_USERS_NESTED -> hv02.protectedUsersThrough("Hyper-V Hosts");
            case UNCONSTRAINED -> hv02.flags(Ad.UAC_TRUSTED_FOR_DELEGATION);
            case DOMAIN_CONTROLLER -> hv02.domainController();
            case RBCD_UNREADABLE -> hv02.rbcd(Rbcd.unreadable("revision 2, not 1"));
            case GHOST_TARGET -> hv02.delegatesTo("cifs/oldhost.corp.test");
            case DUPLICATE_TARGET -> {
                hv02.delegatesTo(MIG + "/HV03");
                Accounts.host("HV04");
            }
            case DNS_NAME_MISMATCH -> hv02 = Accounts.host("HV02").noDnsName().spn("HOST/other.corp.test");
            case NOT_A_COMPUTER -> hv02 = Accounts.user("HV02");
        }
        AccountSnapshot host = hostCase == HostCase.DNS_NAME_MISMATCH ? renamed(hv02.build()) : hv02.build();
        AccountSnapshot third = hostCase == HostCase.DUPLICATE_TARGET
                ? Accounts.host("HV04").spn(MIG + "/HV03").build() : Accounts.host("HV05").build();
        List<CheckFinding> findings = RuleBook.host("HV02", host, facts(HOST_MAPPED, host, hv03.build(), third),
                RuleContext.of(Move.DEFAULT, Accounts.DOMAIN));
        Expected expected = switch (hostCase) {
            case HEALTHY -> new Expected("host-release", Severity.INFO, List.of(), "release: Windows Server 2022");
            case NO_DNS_NAME -> new Expected("host-no-dns-name", Severity.BLOCKER, List.of(
                    "account dns-name HV02 hv02.corp.test", "host: Netlogon on HV02 keeps dNSHostName up to date from "
                            + "the host's own name; if it differs from the one set here, restart Netlogon there "
                            + "afterwards"), "dNSHostName is not set");
            case DISABLED -> new Expected("host-disabled", Severity.BLOCKER, List.of("account enable HV02"),
                    "the computer account is disabled");
            case NO_KEYS -> new Expected("host-no-keys", Severity.BLOCKER, List.of("host: rejoin HV02 to the domain, "
                    + "or run Reset-ComputerMachinePassword on it"), "has no keys");
            case PROTECTED_USERS -> new Expected("host-protected-users", Severity.WARNING,
                    List.of("group remove-member \"Protected Users\" HV02"), "in Protected Users");
            case PROTECTED_USERS_NESTED -> new Expected("host-protected-users", Severity.WARNING,
                    List.of("group remove-member \"Hyper-V Hosts\" HV02"), "through group Hyper-V Hosts");
            case UNCONSTRAINED -> new Expected("host-unconstrained", Severity.WARNING, List.of("delegate trust HV02 "
                    + "--to <each destination>", "delegate untrust HV02 --any-service"), "(unconstrained)");
            case DOMAIN_CONTROLLER -> new Expected("host-domain-controller", Severity.INFO, List.of(),
                    "HV02 is a domain controller");
            case RBCD_UNREADABLE -> new Expected("rbcd-unreadable", Severity.WARNING, List.of("host: inspect it with "
                    + "ldapsearch and rewrite it ('delegate rbcd HV02 --allow ACCOUNT' after clearing it)"),
                    "not a valid security descriptor (revision 2, not 1)");
            case GHOST_TARGET -> new Expected("delegation-to-missing-spn", Severity.WARNING, List.of("delegate untrust "
                    + "HV02 --spn \"cifs/oldhost.corp.test\""), "no account holds: cifs/oldhost.corp.test");
            case DUPLICATE_TARGET -> new Expected("delegation-to-duplicate-spn", Severity.WARNING,
                    List.of("spn duplicates"), MIG + "/HV03 (HV03$ and HV04$)");
            case DNS_NAME_MISMATCH -> new Expected("host-dns-name-mismatch", Severity.WARNING,
                    List.of("host: rename or rejoin HV02 so its names agree"), "does not start with the account name");
            case NOT_A_COMPUTER -> new Expected("host-not-computer", Severity.BLOCKER,
                    List.of("check host <the host's own name>"), "is not a computer account");
        };
        CheckFinding found = find(findings, expected.rule());
        assertEquals(expected.severity(), found.severity(), found.toString());
        assertEquals(expected.fix(), found.fix());
        assertTrue(found.problem().contains(expected.words()), found.problem());
        if (hostCase == HostCase.HEALTHY) {
            assertEquals(List.of(), findings.stream().filter(f -> f.severity() != Severity.INFO).toList());
        }
        if (hostCase == HostCase.DOMAIN_CONTROLLER) {
            assertTrue(findings.stream().allMatch(f -> f.object().equals("HV02$ (domain controller)")),
                    "every finding on a DC says it is one: " + findings);
            assertEquals(Severity.INFO, find(findings, "host-unconstrained").severity(), "by design on a DC");
        }
    }

    static Stream<HostCase> hostCases() {
        return Stream.of(HostCase.values());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Fix plans never touch a domain controller's delegation unless asked (8 rows)

    static Stream<Arguments> domainControllers() {
        List<Arguments> rows = new ArrayList<>();
        for (boolean dcIsSource : new boolean[]{true, false}) {
            for (boolean allow : new boolean[]{false, true}) {
                for (Move.Kind kind : Move.Kind.values()) {
                    rows.add(Arguments.of(dcIsSource, allow, kind));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "DC is source {0}, allowed {1}, {2}")
    @MethodSource("domainControllers")
    void fixPlansLeaveDomainControllersAloneUnlessAsked(boolean dcIsSource, boolean allow, Move.Kind kind) {
        AccountSnapshot dc = Accounts.host("DC1").domainController().build();
        AccountSnapshot hv01 = Accounts.host("HV01").build();
        RuleContext context = RuleContext.of(new Move(kind, Move.Start.REMOTE), Accounts.DOMAIN)
                .allowingDomainControllerFixes(allow);
        List<CheckFinding> findings = dcIsSource ? RuleBook.direction(dc, hv01, context)
                : RuleBook.direction(hv01, dc, context);
        CheckFinding worst = worst(findings);
        String services = kind == Move.Kind.VM_ONLY ? " --services migration" : "";
        if (dcIsSource) {
            // A DC has unconstrained delegation by design: reaching HV01 through it is a warning, never "remove it".
            assertEquals("delegation-unconstrained", worst.rule());
            assertEquals(allow ? List.of("delegate trust DC1 --to HV01" + services + " --allow-dc", "delegate untrust DC1 --any-service --allow-dc")
                    : List.of(dcNote("DC1", "HV01", true)), worst.fix());
            assertTrue(worst.object().startsWith("DC1 (domain controller) -> HV01"), worst.object());
        } else {
            assertEquals("delegation-none", worst.rule());
            assertEquals(allow ? List.of("delegate trust HV01 --to DC1" + services + " --allow-dc")
                    : List.of(dcNote("DC1", "HV01", false)), worst.fix());
            assertTrue(worst.object().endsWith("-> DC1 (domain controller)"), worst.object());
        }
        assertFalse(!allow && worst.fix().stream().anyMatch(f -> f.startsWith("delegate ")), worst.fix().toString());
    }

    @ParameterizedTest(name = "ghost targets on a DC, allowed {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aDomainControllersGhostTargetsAreRemovedOnlyWhenAsked(boolean allow) {
        AccountSnapshot dc = Accounts.host("DC1").domainController().delegatesTo("cifs/gone.corp.test")
                .delegatesTo("http/gone.corp.test").build();
        RuleContext context = RuleContext.of(Move.DEFAULT, Accounts.DOMAIN).allowingDomainControllerFixes(allow);
        CheckFinding ghost = find(RuleBook.host("DC1", dc, facts(HOST_MAPPED, dc), context),
                "delegation-to-missing-spn");
        assertEquals(List.of(allow ? "delegate untrust DC1 --spn \"cifs/gone.corp.test\" \"http/gone.corp.test\" "
                + "--allow-dc" : "host: DC1 is a domain controller: kerbshell plans no change to a domain controller's "
                + "own delegation; remove the entries yourself, or check again with --allow-dc to plan it"), ghost.fix());
        assertEquals("DC1$ (domain controller)", ghost.object());
    }

    /**
     * A ghost target whose host still names an account is one that account lost: the fix registers it there (the
     * HOST/ standing in for cifs/), and only the ghosts that name no account are removed.
     */
    @org.junit.jupiter.api.Test
    void aGhostTargetAnAccountLostIsRegisteredThereTheOthersRemoved() {
        AccountSnapshot hv02 = Accounts.host("HV02").delegatesTo(MIG + "/HV05", "cifs/hv05.corp.test",
                "cifs/gone.corp.test").build();
        AccountSnapshot hv05 = Accounts.host("HV05").withoutSpn(MIG + "/HV05").withoutSpn("HOST/hv05.corp.test")
                .build();
        SpnFacts spns = facts(HOST_MAPPED, hv02, hv05);
        assertEquals(List.of(MIG + "/HV05", "cifs/hv05.corp.test", "cifs/gone.corp.test"), spns.ghostTargets(List.of(hv02)));
        SpnFacts known = spns.withAccountsNamed(List.of(new kerbshell.spn.SpnHolder(null, "HV05$", hv05.dn(),
                "hv05.corp.test")));
        CheckFinding ghost = find(RuleBook.host("HV02", hv02, known, RuleContext.of(Move.DEFAULT, Accounts.DOMAIN)),
                "delegation-to-missing-spn");
        assertEquals(List.of("spn hyperv HV05 --add", "spn add HV05 \"HOST/hv05.corp.test\"",
                "delegate untrust HV02 --spn \"cifs/gone.corp.test\""), ghost.fix());
    }

    private static String dcNote(String dc, String host, boolean dcIsSource) {
        String source = dcIsSource ? dc : host;
        String destination = dcIsSource ? host : dc;
        return "host: " + dc + " is a domain controller: kerbshell plans no delegation change that "
                + (dcIsSource ? "touches a domain controller's own delegation" : "delegates to a domain controller")
                + " (it would let " + source + " act as any user on " + destination + "); move VMs between Hyper-V "
                + "hosts instead, or check again with --allow-dc to plan it anyway";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Releases by number (15 rows)

    static Stream<Arguments> versions() {
        return Stream.of(Arguments.of("6.0 (6002)", WindowsRelease.WS2008), Arguments.of("6.1 (7601)", WindowsRelease.WS2008_R2),
                Arguments.of("6.2 (9200)", WindowsRelease.WS2012), Arguments.of("6.3 (9600)", WindowsRelease.WS2012_R2),
                Arguments.of("6.3", WindowsRelease.WS2012_R2), Arguments.of("10.0 (14393)", WindowsRelease.WS2016),
                Arguments.of("10.0 (17763)", WindowsRelease.WS2019), Arguments.of("10.0 (20348)", WindowsRelease.WS2022),
                Arguments.of("10.0 (26100)", WindowsRelease.WS2025), Arguments.of("10.0 (19045)", WindowsRelease.UNKNOWN),
                Arguments.of("10.0", WindowsRelease.UNKNOWN), Arguments.of("5.2 (3790)", WindowsRelease.UNKNOWN),
                Arguments.of("garbage", WindowsRelease.UNKNOWN), Arguments.of("", WindowsRelease.UNKNOWN),
                Arguments.of(null, WindowsRelease.UNKNOWN));
    }

    @ParameterizedTest(name = "version [{0}]")
    @MethodSource("versions")
    void releasesAreReadByNumber(String version, WindowsRelease release) {
        assertEquals(release, WindowsRelease.of(version));
        boolean pre2016 = release == WindowsRelease.WS2008 || release == WindowsRelease.WS2008_R2
                || release == WindowsRelease.WS2012 || release == WindowsRelease.WS2012_R2;
        assertEquals(!pre2016, release.needsProtocolTransitionForRemoteMoves(), "unknown is judged as 2016+");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void assertVerdict(Expected expected, List<CheckFinding> findings) {
        CheckFinding worst = worst(findings);
        assertEquals(expected.severity(), worst.severity(), findings::toString);
        assertEquals(expected.rule(), worst.rule(), findings::toString);
        assertEquals(expected.fix(), worst.fix(), findings::toString);
        assertTrue(worst.problem().contains(expected.words()), "'" + worst.problem() + "' should contain '"
                + expected.words() + "'");
    }

    private static CheckFinding worst(List<CheckFinding> findings) {
        return findings.stream().min(Comparator.comparing(CheckFinding::severity)).orElseThrow();
    }

    private static CheckFinding find(List<CheckFinding> findings, String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding of rule " + rule + " in " + findings));
    }

    /** The SPN facts a forest of these accounts gives: every SPN the rules ask about, with its holders. */
    static SpnFacts facts(Set<String> hostMapped, AccountSnapshot... accounts) {
        Map<String, List<SpnFacts.Holder>> holders = new HashMap<>();
        for (String spn : SpnFacts.lookUps(List.of(accounts))) {
            List<SpnFacts.Holder> list = new ArrayList<>();
            for (AccountSnapshot a : accounts) {
                if (a.holds(spn)) {
                    list.add(new SpnFacts.Holder(a.samAccountName(), a.dn()));
                }
            }
            holders.put(spn.toLowerCase(Locale.ROOT), list);
        }
        return new SpnFacts(holders, hostMapped);
    }

    private static AccountSnapshot renamed(AccountSnapshot host) {
        return AccountSnapshot.of(host.dn(), host.samAccountName(), "other.corp.test", host.sid(), true,
                host.userAccountControl(), host.spns(), host.allowedToDelegateTo(), host.rbcd(),
                host.supportedEncryptionTypes(), host.operatingSystem(), host.operatingSystemVersion(),
                host.pwdLastSet(), host.groups(), host.primaryGroupId());
    }

    private static String[] concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
