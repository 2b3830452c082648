package kerbshell.diagnosis;

import kerbshell.directory.Ad;

import java.util.ArrayList;
import java.util.List;

/** Whether the account that starts migrations can be delegated at all. */
final class OperatorCheck {
    private static final long MAX_SKEW_SECONDS = 300;
    private static final long WARN_SKEW_SECONDS = 60;

    private OperatorCheck() {
    }

    static List<CheckFinding> check(OperatorFacts operator) {
        List<CheckFinding> findings = new ArrayList<>();
        String object = operator.samAccountName();
        if ((operator.userAccountControl() & Ad.UAC_ACCOUNTDISABLE) != 0) {
            findings.add(CheckFinding.blocker(object, "the operator's account is disabled",
                    "it cannot log on, let alone be delegated", "0x8009030E", List.of("account enable " + object)));
        }
        if ((operator.userAccountControl() & Ad.UAC_NOT_DELEGATED) != 0) {
            findings.add(CheckFinding.blocker(object, "the account is marked sensitive and cannot be delegated "
                            + "(NOT_DELEGATED)",
                    "the KDC gives the source host no forwardable ticket for it, so S4U2Proxy fails",
                    "0x8009030E / KDC_ERR_BADOPTION (13)", List.of("account delegable " + object)));
        }
        if (operator.protectedUsers()) {
            findings.add(CheckFinding.blocker(object, "the account is in Protected Users",
                    "Protected Users are never delegated, by any kind of delegation",
                    "0x8009030E / KDC_ERR_BADOPTION (13)", List.of("group remove-member \"Protected Users\" " + object)));
        }
        if (findings.isEmpty()) {
            findings.add(CheckFinding.info(object, "the operator's account can be delegated"));
        }
        return findings;
    }

    static List<CheckFinding> clock(Long skewSeconds) {
        if (skewSeconds == null) {
            return List.of(CheckFinding.info("clock", "the DC does not publish its time (rootDSE currentTime)"));
        }
        long skew = Math.abs(skewSeconds);
        if (skew > MAX_SKEW_SECONDS) {
            return List.of(CheckFinding.blocker("clock", "this machine's clock is " + skewSeconds
                            + " s off the DC's", "Kerberos refuses tickets beyond 5 minutes of skew",
                    "0x80090324 (KRB_AP_ERR_SKEW)", List.of("host: sync the time (w32tm /resync, or NTP)")));
        }
        if (skew > WARN_SKEW_SECONDS) {
            return List.of(CheckFinding.warning("clock", "this machine's clock is " + skewSeconds + " s off the DC's",
                    "close to Kerberos's 5-minute limit", List.of("host: sync the time (w32tm /resync, or NTP)")));
        }
        return List.of(CheckFinding.info("clock", "clock skew with the DC: " + skewSeconds + " s"));
    }
}
