package kerbshell.rules;

import kerbshell.account.AccountSnapshot;

import java.util.List;

/**
 * Windows Admin Center: the gateway acts for the signed-in administrator towards every node it manages, through
 * resource-based delegation on each node naming the gateway's computer account (Set-ADComputer NODE
 * -PrincipalsAllowedToDelegateToAccount GATEWAY$), then the gateway's cached tickets purged (S37). Moves between the
 * nodes started from it are remote moves: node-to-node constrained delegation with protocol transition, which the
 * rule book's direction rules judge.
 */
final class WacRules {
    private WacRules() {
    }

    static CheckFinding gateway(AccountSnapshot gateway, AccountSnapshot node) {
        String direction = gateway.name() + " -> " + node.name();
        if (node.rbcd().allows(gateway.sid())) {
            return CheckFinding.info("wac-rbcd", direction, node.name() + " allows the gateway " + gateway.name()
                    + " through resource-based delegation");
        }
        return CheckFinding.blocker("wac-rbcd-missing", direction, node.name() + " does not allow the gateway "
                        + gateway.name() + " to act for users (no resource-based delegation naming "
                        + gateway.samAccountName() + ")",
                "Windows Admin Center reaches the node as the signed-in administrator only through resource-based "
                        + "delegation on the node; without it, single sign-on to the node fails and asks for "
                        + "credentials, and moves started from the gateway cannot be delegated",
                "0x80090303 / 0x8009030E",
                List.of("delegate rbcd " + node.name() + " --allow " + gateway.name(), "host: on " + gateway.name()
                        + ", purge the system tickets (klist -li 0x3e7 purge) or wait 15 minutes"));
    }
}
