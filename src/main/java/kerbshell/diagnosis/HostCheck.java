package kerbshell.diagnosis;

import kerbshell.directory.Ad;
import kerbshell.spn.HyperVServices;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The checks of one Hyper-V host's computer account, on facts already read. */
final class HostCheck {
    private final Map<String, List<String>> holders;
    private final Set<String> hostMapped;

    /**
     * @param holders    for each SPN (lower case), the accounts holding it in the forest
     * @param hostMapped service classes served by a host's HOST/ key (sPNMappings)
     */
    HostCheck(Map<String, List<String>> holders, Set<String> hostMapped) {
        this.holders = holders;
        this.hostMapped = hostMapped;
    }

    /** The SPNs whose holders these checks need to know, for one host. */
    static List<String> spnsToLookUp(HostFacts host) {
        List<String> spns = new ArrayList<>();
        for (String name : host.hostNames()) {
            HyperVServices.CLASSES.forEach(c -> spns.add(c + "/" + name));
            spns.add("HOST/" + name);
            spns.add("cifs/" + name);
        }
        return spns;
    }

    List<CheckFinding> check(String given, HostFacts host) {
        List<CheckFinding> findings = new ArrayList<>();
        String object = host.samAccountName();
        if (!host.computer()) {
            findings.add(CheckFinding.blocker(object, given + " is not a computer account (" + host.dn() + ")",
                    "Hyper-V hosts authenticate with their computer account", "0x80090303",
                    List.of("check host <the host's own name>")));
            return findings;
        }
        if (!host.enabled()) {
            findings.add(CheckFinding.blocker(object, "the computer account is disabled",
                    "the KDC issues no tickets for a disabled account, so nothing can authenticate to the host",
                    "0x80090303 (KDC_ERR_S_PRINCIPAL_UNKNOWN)", List.of("account enable " + host.name())));
        }
        if (host.pwdLastSet() == 0) {
            findings.add(CheckFinding.blocker(object, "the computer account has no keys (its password was never set)",
                    "the KDC cannot encrypt tickets for an account without keys",
                    "KDC_ERR_ETYPE_NOSUPP (14)", List.of("host: rejoin " + host.name() + " to the domain, or run "
                            + "Reset-ComputerMachinePassword on it")));
        }
        checkDnsName(host, findings);
        checkHyperVSpns(host, findings);
        checkHostSpns(host, findings);
        checkEncryptionTypes(host, findings);
        summariseDelegation(host, findings);
        return findings;
    }

    private void checkDnsName(HostFacts host, List<CheckFinding> findings) {
        if (host.dnsHostName() == null) {
            findings.add(CheckFinding.blocker(host.samAccountName(), "dNSHostName is not set",
                    "the FQDN forms of the host's SPNs cannot be checked or registered, and moves by FQDN fail",
                    "0x80090303", List.of("host: restart the Netlogon service on " + host.name()
                            + " (it registers dNSHostName)")));
        } else if (!host.dnsHostName().toLowerCase(Locale.ROOT).startsWith(host.name().toLowerCase(Locale.ROOT) + ".")) {
            findings.add(CheckFinding.warning(host.samAccountName(), "dNSHostName " + host.dnsHostName()
                            + " does not start with the account name " + host.name(),
                    "a renamed or cloned host: SPNs and delegation entries made from one name miss the other",
                    List.of("host: rename or rejoin " + host.name() + " so its names agree")));
        }
    }

    private void checkHyperVSpns(HostFacts host, List<CheckFinding> findings) {
        List<String> missing = new ArrayList<>();
        for (String serviceClass : HyperVServices.CLASSES) {
            boolean migration = serviceClass.equals(HyperVServices.MIGRATION);
            for (String name : host.hostNames()) {
                String spn = serviceClass + "/" + name;
                List<String> others = others(spn, host);
                if (!others.isEmpty()) {
                    findings.add(CheckFinding.blocker(host.samAccountName(), spn + " is also held by "
                                    + String.join(", ", others),
                            "an SPN held by two accounts, or by the wrong one, gets no ticket from the KDC",
                            "0x80090303 (KDC_ERR_S_PRINCIPAL_UNKNOWN)", fixForHeldElsewhere(spn, others, host)));
                } else if (!host.holds(spn)) {
                    missing.add(spn);
                    findings.add(migration
                            ? CheckFinding.blocker(host.samAccountName(), spn + " is not registered",
                                    "live migration to this host asks the KDC for exactly this SPN",
                                    "0x80090303 (KDC_ERR_S_PRINCIPAL_UNKNOWN)", List.of("spn hyperv " + host.name()
                                            + " --add"))
                            : CheckFinding.warning(host.samAccountName(), spn + " is not registered",
                                    serviceClass.equals(HyperVServices.REPLICA)
                                            ? "Hyper-V Replica to this host fails to authenticate"
                                            : "remote console connections to this host's VMs fail to authenticate",
                                    List.of("spn hyperv " + host.name() + " --add")));
                }
            }
        }
    }

    private void checkHostSpns(HostFacts host, List<CheckFinding> findings) {
        for (String name : host.hostNames()) {
            String hostSpn = "HOST/" + name;
            if (!host.holds(hostSpn)) {
                findings.add(CheckFinding.blocker(host.samAccountName(), hostSpn + " is not registered",
                        "HOST/ stands in for cifs/ and the other host services (sPNMappings): storage moves to "
                                + "the host cannot authenticate", "0x80090303",
                        List.of("spn add " + host.name() + " " + hostSpn)));
            }
            String cifs = "cifs/" + name;
            List<String> cifsElsewhere = others(cifs, host);
            if (!cifsElsewhere.isEmpty()) {
                findings.add(CheckFinding.blocker(host.samAccountName(), cifs + " is registered on "
                                + String.join(", ", cifsElsewhere) + ", which shadows this host's HOST/ SPN",
                        "the KDC encrypts cifs tickets for the other account, which this host cannot decrypt",
                        "0x80090322 (KRB_AP_ERR_MODIFIED)", fixForHeldElsewhere(cifs, cifsElsewhere, host)));
            } else if (!host.holds(cifs) && !hostMapped.contains("cifs")) {
                findings.add(CheckFinding.blocker(host.samAccountName(), "cifs is not mapped to HOST in sPNMappings "
                                + "and " + cifs + " is not registered",
                        "storage moves ask the KDC for cifs/ tickets", "0x80090303",
                        List.of("spn add " + host.name() + " " + cifs)));
            }
        }
    }

    private void checkEncryptionTypes(HostFacts host, List<CheckFinding> findings) {
        Integer types = host.supportedEncryptionTypes();
        int aes = Ad.ETYPE_AES128 | Ad.ETYPE_AES256;
        if (types == null) {
            findings.add(CheckFinding.info(host.samAccountName(), "msDS-SupportedEncryptionTypes is not set: the "
                    + "KDC uses its default for the account"));
        } else if ((types & aes) == 0) {
            findings.add(CheckFinding.warning(host.samAccountName(), "the account supports no AES encryption type "
                            + "(msDS-SupportedEncryptionTypes " + types + ": RC4 only)",
                    "clients that refuse RC4 (Protected Users, hardened hosts, the JDK) get no ticket for it",
                    List.of("account etypes " + host.name() + " rc4,aes128,aes256",
                            "host: allow AES in 'Network security: Configure encryption types allowed for Kerberos' on "
                                    + host.name() + "; reset its machine password if the account predates 2008 DCs")));
        }
    }

    private static void summariseDelegation(HostFacts host, List<CheckFinding> findings) {
        if (host.has(Ad.UAC_TRUSTED_FOR_DELEGATION) && !host.has(Ad.UAC_SERVER_TRUST_ACCOUNT)) {
            findings.add(CheckFinding.warning(host.samAccountName(), "trusted for delegation to any service "
                            + "(unconstrained)",
                    "works for migration, but anyone who controls this host can impersonate any user who "
                            + "connects to it, anywhere (PingCastle P-UnconstrainedDelegation)",
                    List.of("delegate trust " + host.name() + " --to <each destination>",
                            "delegate untrust " + host.name() + " --any-service")));
        }
        String kind = host.allowedToDelegateTo().isEmpty() ? "no constrained delegation"
                : "constrained delegation to " + host.allowedToDelegateTo().size() + " SPN(s), "
                        + (host.has(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION) ? "any protocol" : "Kerberos only");
        findings.add(CheckFinding.info(host.samAccountName(), "delegation: " + kind
                + (host.rbcdAllowedSids().isEmpty() ? "" : "; resource-based delegation allows "
                        + host.rbcdAllowedSids().size() + " account(s) to it")));
    }

    private List<String> others(String spn, HostFacts host) {
        return holders.getOrDefault(spn.toLowerCase(Locale.ROOT), List.of()).stream()
                .filter(h -> !h.equalsIgnoreCase(host.samAccountName())).toList();
    }

    private static List<String> fixForHeldElsewhere(String spn, List<String> others, HostFacts host) {
        List<String> fix = new ArrayList<>();
        others.forEach(o -> fix.add("spn remove " + o.replaceFirst("\\$$", "") + " \"" + spn + "\""));
        if (!host.holds(spn) && !spn.startsWith("cifs/")) {
            fix.add("spn add " + host.name() + " \"" + spn + "\"");
        }
        return fix;
    }
}
