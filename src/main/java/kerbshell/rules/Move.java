package kerbshell.rules;

/**
 * The live migration a verdict is about. Microsoft: moving the VM asks for the destination's migration service,
 * moving its storage too (shared nothing) asks for cifs as well (S11). Where it is started matters since Windows
 * Server 2016: started remotely, the source gets the operator's identity through WinRM and needs protocol
 * transition to delegate it; started on the source, "Kerberos only" works (S35, S42).
 */
public record Move(Kind kind, Start start) {
    /** What check judges unless told otherwise: the VM and its storage, started from another machine. */
    public static final Move DEFAULT = new Move(Kind.VM_AND_STORAGE, Start.REMOTE);

    public enum Kind {
        /** Move-VM on shared storage (a cluster, an SMB share the destination reaches itself): migration only. */
        VM_ONLY("the VM only (its storage is shared)"),
        /** Move-VM -IncludeStorage, shared nothing: migration and cifs. */
        VM_AND_STORAGE("the VM and its storage");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public enum Start {
        REMOTE("started remotely (Hyper-V Manager, PowerShell remoting or Windows Admin Center on another machine)"),
        ON_SOURCE("started on the source host itself");

        private final String words;

        Start(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public Move {
        if (kind == null || start == null) {
            throw new IllegalArgumentException("a move needs a kind and where it starts");
        }
    }

    public boolean storage() {
        return kind == Kind.VM_AND_STORAGE;
    }

    public boolean remote() {
        return start == Start.REMOTE;
    }

    /** "a move of the VM and its storage, started remotely (...)": what the output says was judged. */
    public String describe() {
        return "a move of " + kind.words() + ", " + start.words();
    }
}
