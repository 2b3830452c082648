package kerbshell.directory;


import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A security descriptor in SDDL, the text form Windows tools show ({@code O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;
 * S-1-5-21-...-1103)}), so that what kerbshell prints can be compared with Get-ACL and samba-tool. Object ACEs
 * are shown with their rights and SID; their GUIDs are left out.
 */
public final class Sddl {
    private static final Map<String, String> ALIASES = Map.of(
            "S-1-5-32-544", "BA", "S-1-5-18", "SY", "S-1-1-0", "WD", "S-1-5-11", "AU", "S-1-3-0", "CO");
    private static final Map<Integer, String> RIGHTS = new LinkedHashMap<>();
    private static final Map<Integer, String> ACE_FLAGS = new LinkedHashMap<>();

    static {
        RIGHTS.put(0x1, "CC");
        RIGHTS.put(0x2, "DC");
        RIGHTS.put(0x4, "LC");
        RIGHTS.put(0x8, "SW");
        RIGHTS.put(0x10, "RP");
        RIGHTS.put(0x20, "WP");
        RIGHTS.put(0x40, "DT");
        RIGHTS.put(0x80, "LO");
        RIGHTS.put(0x100, "CR");
        RIGHTS.put(0x10000, "SD");
        RIGHTS.put(0x20000, "RC");
        RIGHTS.put(0x40000, "WD");
        RIGHTS.put(0x80000, "WO");
        RIGHTS.put(0x10000000, "GA");
        RIGHTS.put(0x20000000, "GX");
        RIGHTS.put(0x40000000, "GW");
        RIGHTS.put(0x80000000, "GR");
        ACE_FLAGS.put(0x1, "OI");
        ACE_FLAGS.put(0x2, "CI");
        ACE_FLAGS.put(0x4, "NP");
        ACE_FLAGS.put(0x8, "IO");
        ACE_FLAGS.put(0x10, "ID");
        ACE_FLAGS.put(0x40, "SA");
        ACE_FLAGS.put(0x80, "FA");
    }

    private Sddl() {
    }

    public static String of(SecurityDescriptor sd) {
        StringBuilder text = new StringBuilder();
        if (sd.owner() != null) {
            text.append("O:").append(name(sd.owner()));
        }
        if (sd.group() != null) {
            text.append("G:").append(name(sd.group()));
        }
        if (sd.dacl() != null) {
            text.append("D:");
            if ((sd.control() & 0x1000) != 0) {
                text.append('P');
            }
            if ((sd.control() & 0x400) != 0) {
                text.append("AI");
            }
            sd.dacl().aces().forEach(ace -> text.append(ace(ace)));
        }
        if (sd.sacl() != null) {
            text.append("S:(").append(sd.sacl().length).append(" bytes not shown)");
        }
        return text.toString();
    }

    private static String ace(SecurityDescriptor.Ace ace) {
        String type = switch (ace.type()) {
            case SecurityDescriptor.Ace.ACCESS_ALLOWED -> "A";
            case SecurityDescriptor.Ace.ACCESS_DENIED -> "D";
            case SecurityDescriptor.Ace.ACCESS_ALLOWED_OBJECT -> "OA";
            case SecurityDescriptor.Ace.ACCESS_DENIED_OBJECT -> "OD";
            default -> String.format("0x%x", ace.type());
        };
        return "(" + type + ";" + flags(ace.flags()) + ";" + ace.mask().map(Sddl::rights).orElse("") + ";;;"
                + ace.sid().map(Sddl::name).orElse("") + ")";
    }

    private static String rights(int mask) {
        StringBuilder text = new StringBuilder();
        int rest = mask;
        for (Map.Entry<Integer, String> right : RIGHTS.entrySet()) {
            if ((mask & right.getKey()) != 0) {
                text.append(right.getValue());
                rest &= ~right.getKey();
            }
        }
        return rest == 0 ? text.toString() : String.format("0x%x", mask);
    }

    private static String flags(int flags) {
        StringBuilder text = new StringBuilder();
        ACE_FLAGS.forEach((bit, name) -> {
            if ((flags & bit) != 0) {
                text.append(name);
            }
        });
        return text.toString();
    }

    private static String name(Sid sid) {
        return ALIASES.getOrDefault(sid.value(), sid.value());
    }
}
