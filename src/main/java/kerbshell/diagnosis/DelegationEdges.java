package kerbshell.diagnosis;

import kerbshell.account.AccountSnapshot;
import kerbshell.account.UacFlag;
import kerbshell.picture.MeshPicture;
import kerbshell.rules.Move;
import kerbshell.rules.RuleBook;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The delegation between a set of hosts as it stands in the directory, for the pictures: constrained entries for
 * another host's services the move needs (with or without protocol transition), resource-based entries on the
 * destination allowing the source, unconstrained delegation towards every host the check needs moves to, and, for
 * the needed directions no kind of delegation connects, a missing edge. It describes; the verdicts are the rule
 * book's.
 */
final class DelegationEdges {
    private DelegationEdges() {
    }

    static List<MeshPicture.Edge> of(List<AccountSnapshot> hosts, BiPredicate<AccountSnapshot, AccountSnapshot> needed,
                                     Move move) {
        List<MeshPicture.Edge> edges = new ArrayList<>();
        for (AccountSnapshot source : hosts) {
            for (AccountSnapshot destination : hosts) {
                if (source == destination) {
                    continue;
                }
                boolean any = false;
                if (RuleBook.delegatedSpns(destination, move).stream().anyMatch(source::delegatesTo)) {
                    edges.add(edge(source, destination, source.has(UacFlag.TRUSTED_TO_AUTH_FOR_DELEGATION)
                            ? MeshPicture.EdgeKind.PROTOCOL_TRANSITION : MeshPicture.EdgeKind.KERBEROS_ONLY));
                    any = true;
                }
                if (source.sid() != null && destination.rbcd().allows(source.sid())) {
                    edges.add(edge(source, destination, MeshPicture.EdgeKind.RBCD));
                    any = true;
                }
                boolean isNeeded = needed.test(source, destination);
                if (isNeeded && source.has(UacFlag.TRUSTED_FOR_DELEGATION)) {
                    edges.add(edge(source, destination, MeshPicture.EdgeKind.UNCONSTRAINED));
                    any = true;
                }
                if (isNeeded && !any) {
                    edges.add(edge(source, destination, MeshPicture.EdgeKind.MISSING));
                }
            }
        }
        return edges;
    }

    private static MeshPicture.Edge edge(AccountSnapshot from, AccountSnapshot to, MeshPicture.EdgeKind kind) {
        return new MeshPicture.Edge(from.name(), to.name(), kind);
    }
}
