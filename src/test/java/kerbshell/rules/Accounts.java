package kerbshell.rules;

import kerbshell.account.AccountSnapshot;
import kerbshell.account.GroupMembership;
import kerbshell.account.Rbcd;
import kerbshell.directory.Ad;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Account snapshots for rule-book tests, built the way the directory would hold them, without a directory. */
final class Accounts {
    static final String DOMAIN = "corp.test";
    static final String DOMAIN_SID = "S-1-5-21-1-2-3";
    static final String BASE = "DC=corp,DC=test";
    static final String PROTECTED_USERS_DN = "CN=Protected Users,CN=Users," + BASE;
    static final Instant KEYS_SET = Instant.parse("2024-05-01T00:00:00Z");

    private String sam;
    private String dn;
    private String dnsHostName;
    private String sid;
    private boolean computer = true;
    private int uac = Ad.UAC_WORKSTATION_TRUST_ACCOUNT;
    private final List<String> spns = new ArrayList<>();
    private final List<String> delegateTo = new ArrayList<>();
    private Rbcd rbcd = Rbcd.NONE;
    private Integer etypes;
    private String os = "Windows Server 2022 Datacenter";
    private String osVersion = "10.0 (20348)";
    private Instant pwdLastSet = KEYS_SET;
    private final List<GroupMembership> groups = new ArrayList<>();

    private static int rid = 1100;

    private Accounts() {
    }

    /** A Hyper-V host with both name forms and its VMMS and HOST SPNs, as a joined, running host has them. */
    static Accounts host(String name) {
        Accounts a = new Accounts();
        a.sam = name + "$";
        a.dn = "CN=" + name + ",CN=Computers," + BASE;
        a.dnsHostName = name.toLowerCase(Locale.ROOT) + "." + DOMAIN;
        a.sid = DOMAIN_SID + "-" + (rid++);
        for (String n : List.of(name, a.dnsHostName)) {
            for (String c : List.of("Microsoft Virtual System Migration Service", "Microsoft Virtual Console Service",
                    "Hyper-V Replica Service", "HOST")) {
                a.spns.add(c + "/" + n);
            }
        }
        return a;
    }

    static Accounts user(String name) {
        Accounts a = new Accounts();
        a.sam = name;
        a.dn = "CN=" + name + ",CN=Users," + BASE;
        a.sid = DOMAIN_SID + "-" + (rid++);
        a.computer = false;
        a.uac = Ad.UAC_NORMAL_ACCOUNT;
        a.os = null;
        a.osVersion = null;
        return a;
    }

    Accounts release(String operatingSystem, String version) {
        os = operatingSystem;
        osVersion = version;
        return this;
    }

    Accounts noDnsName() {
        spns.removeIf(s -> s.contains("."));
        dnsHostName = null;
        return this;
    }

    Accounts flags(int bits) {
        uac |= bits;
        return this;
    }

    Accounts domainController() {
        uac = Ad.UAC_SERVER_TRUST_ACCOUNT | Ad.UAC_TRUSTED_FOR_DELEGATION;
        dn = dn.replace("CN=Computers", "OU=Domain Controllers");
        return this;
    }

    Accounts withoutSpn(String spn) {
        spns.removeIf(spn::equalsIgnoreCase);
        return this;
    }

    Accounts spn(String spn) {
        spns.add(spn);
        return this;
    }

    Accounts delegatesTo(String... targets) {
        delegateTo.addAll(List.of(targets));
        return this;
    }

    Accounts rbcd(Rbcd value) {
        rbcd = value;
        return this;
    }

    Accounts etypes(Integer bits) {
        etypes = bits;
        return this;
    }

    Accounts passwordSet(Instant when) {
        pwdLastSet = when;
        return this;
    }

    Accounts protectedUsersDirectly() {
        groups.add(new GroupMembership(PROTECTED_USERS_DN, "Protected Users", DOMAIN_SID + "-525", PROTECTED_USERS_DN,
                "Protected Users"));
        return this;
    }

    Accounts protectedUsersThrough(String group) {
        String groupDn = "CN=" + group + ",CN=Users," + BASE;
        groups.add(new GroupMembership(groupDn, group, DOMAIN_SID + "-" + (rid++), groupDn, group));
        groups.add(new GroupMembership(PROTECTED_USERS_DN, "Protected Users", DOMAIN_SID + "-525", groupDn, group));
        return this;
    }

    AccountSnapshot build() {
        return AccountSnapshot.of(dn, sam, dnsHostName, sid, computer, uac, spns, delegateTo, rbcd, etypes, os, osVersion,
                pwdLastSet, groups, computer ? 515 : 513);
    }
}
