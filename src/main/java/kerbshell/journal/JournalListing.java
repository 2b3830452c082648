package kerbshell.journal;

import kerbshell.account.EncryptionTypes;
import kerbshell.directory.Ad;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * {@code journal}: the recorded changes, oldest first, with who made them and in which domain through which DC;
 * flags shown by name. {@code damagedLines} counts lines that were not whole (set aside in {@code sideFile}).
 */
public record JournalListing(String file, List<JournalEntry> entries, int damagedLines, String sideFile)
        implements Renderable {

    @Override
    public void renderText(TextOut out) {
        if (damagedLines > 0) {
            out.line(damagedLines + " unfinished line(s) of the journal were set aside in " + sideFile
                    + " (a write cut short); the rest is read as usual");
        }
        if (entries.isEmpty()) {
            out.line("no changes recorded in " + file);
            return;
        }
        TextOut.Table table = out.table("ID", "TIME", "STATUS", "OPERATOR", "DOMAIN / SERVER", "RUN", "COMMAND",
                "CHANGE");
        for (JournalEntry e : entries) {
            String status = e.undoOf() != null ? e.status() + ", undoes " + e.undoOf() : e.status();
            table.row(e.id(), e.time().toString().substring(0, 19).replace('T', ' '), status,
                    e.operator() == null ? "" : e.operator(), where(e), e.run() == null ? "" : e.run(), e.command(),
                    e.dn().split(",")[0] + " " + e.attribute() + ": " + summary(e));
        }
        table.print();
        out.line(entries.size() + " change(s) in " + file);
    }

    private static String where(JournalEntry e) {
        if (e.domain() == null) {
            return e.server() == null ? "" : e.server();
        }
        StringBuilder dns = new StringBuilder();
        for (String rdn : e.domain().split(",")) {
            String[] pair = rdn.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equalsIgnoreCase("DC")) {
                dns.append(dns.length() == 0 ? "" : ".").append(pair[1].toLowerCase());
            }
        }
        return dns + " / " + e.server();
    }

    private static String summary(JournalEntry e) {
        StringBuilder s = new StringBuilder();
        e.added().forEach(v -> s.append("+").append(shown(e, v)).append(' '));
        e.removed().forEach(v -> s.append("-").append(shown(e, v)).append(' '));
        return s.toString().strip();
    }

    /** Binary values as "(binary)", flag attributes as names: what the numbers mean is what the reader needs. */
    static String shown(JournalEntry e, String value) {
        if (e.binary()) {
            return "(binary)";
        }
        try {
            if (e.attribute().equalsIgnoreCase(Ad.USER_ACCOUNT_CONTROL)) {
                return Ad.uacNames(Integer.parseInt(value.trim()));
            }
            if (e.attribute().equalsIgnoreCase(Ad.SUPPORTED_ENCRYPTION_TYPES)) {
                return EncryptionTypes.describe(Integer.parseInt(value.trim()));
            }
        } catch (NumberFormatException notANumber) {
            return value;
        }
        return value;
    }
}
