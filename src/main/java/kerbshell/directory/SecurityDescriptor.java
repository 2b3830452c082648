package kerbshell.directory;


import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A self-relative Windows security descriptor (MS-DTYP 2.4.6), as AD stores it in
 * msDS-AllowedToActOnBehalfOfOtherIdentity: owner, group, SACL and DACL. Only what resource-based delegation edits
 * is interpreted (the DACL's ACEs and their SIDs); everything else is carried as it was read, so that writing a
 * descriptor back keeps every ACE and flag kerbshell did not touch.
 *
 * <p>Java has no maintained codec for this format that fits without adding a dependency (Tirasa's ADSDDL parses
 * and re-serialises, but cannot build a descriptor from nothing), so this one is kept small and is tested against
 * descriptors Samba itself wrote.
 *
 * @param control the control flags as read (SE_DACL_PRESENT, SE_SELF_RELATIVE, ...)
 * @param owner   the owner SID, or null when absent
 * @param group   the primary group SID, or null when absent
 * @param sacl    the SACL's bytes as read, or null when absent
 * @param dacl    the DACL, or null when absent
 */
public record SecurityDescriptor(int control, Sid owner, Sid group, byte[] sacl, Acl dacl) {
    static final int SE_DACL_PRESENT = 0x0004;
    static final int SE_SACL_PRESENT = 0x0010;
    static final int SE_SELF_RELATIVE = 0x8000;
    /** ACL_REVISION_DS: the revision AD and Samba write, valid for every ACE type. */
    static final int ACL_REVISION_DS = 4;

    /**
     * What Windows and Samba write for "may act on behalf of other identity": owner BUILTIN\Administrators, a DACL
     * and no group or SACL.
     */
    public static SecurityDescriptor empty() {
        return new SecurityDescriptor(SE_SELF_RELATIVE | SE_DACL_PRESENT, new Sid(Ad.SID_BUILTIN_ADMINISTRATORS), null,
                null, new Acl(ACL_REVISION_DS, List.of()));
    }

    /** Reads the binary form; a malformed descriptor is an IllegalArgumentException saying where it breaks. */
    public static SecurityDescriptor decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int revision = in.get(0) & 0xff;
            if (revision != 1) {
                throw new IllegalArgumentException("revision " + revision + ", not 1");
            }
            int control = in.getShort(2) & 0xffff;
            int ownerAt = in.getInt(4);
            int groupAt = in.getInt(8);
            int saclAt = in.getInt(12);
            int daclAt = in.getInt(16);
            Sid owner = ownerAt == 0 ? null : Sid.fromBytes(bytes, ownerAt);
            Sid group = groupAt == 0 ? null : Sid.fromBytes(bytes, groupAt);
            byte[] sacl = null;
            if ((control & SE_SACL_PRESENT) != 0 && saclAt != 0) {
                int size = in.getShort(saclAt + 2) & 0xffff;
                sacl = slice(bytes, saclAt, size);
            }
            Acl dacl = (control & SE_DACL_PRESENT) != 0 && daclAt != 0 ? Acl.decode(bytes, daclAt) : null;
            return new SecurityDescriptor(control, owner, group, sacl, dacl);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated (" + bytes.length + " bytes)", e);
        }
    }

    /** The self-relative binary form: header, then owner, group, SACL and DACL, as Samba lays them out. */
    public byte[] encode() {
        byte[] ownerBytes = owner == null ? new byte[0] : owner.toBytes();
        byte[] groupBytes = group == null ? new byte[0] : group.toBytes();
        byte[] saclBytes = sacl == null ? new byte[0] : sacl;
        byte[] daclBytes = dacl == null ? new byte[0] : dacl.encode();
        int offset = 20;
        ByteBuffer header = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 1).put((byte) 0);
        int flags = control | SE_SELF_RELATIVE;
        flags = dacl == null ? flags & ~SE_DACL_PRESENT : flags | SE_DACL_PRESENT;
        flags = sacl == null ? flags & ~SE_SACL_PRESENT : flags | SE_SACL_PRESENT;
        header.putShort((short) flags);
        header.putInt(owner == null ? 0 : offset);
        offset += ownerBytes.length;
        header.putInt(group == null ? 0 : offset);
        offset += groupBytes.length;
        header.putInt(sacl == null ? 0 : offset);
        offset += saclBytes.length;
        header.putInt(dacl == null ? 0 : offset);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(ownerBytes);
        out.writeBytes(groupBytes);
        out.writeBytes(saclBytes);
        out.writeBytes(daclBytes);
        return out.toByteArray();
    }

    /** The same descriptor with another DACL; an absent DACL becomes a new one. */
    public SecurityDescriptor withAces(List<Ace> aces) {
        int revision = dacl == null ? ACL_REVISION_DS : dacl.revision();
        return new SecurityDescriptor(control, owner, group, sacl, new Acl(revision, List.copyOf(aces)));
    }

    public List<Ace> aces() {
        return dacl == null ? List.of() : dacl.aces();
    }

    /** An access control list: its revision and its entries in order. */
    public record Acl(int revision, List<Ace> aces) {
        static Acl decode(byte[] bytes, int at) {
            ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int revision = in.get(at) & 0xff;
            int size = in.getShort(at + 2) & 0xffff;
            int count = in.getShort(at + 4) & 0xffff;
            if (at + size > bytes.length) {
                throw new IllegalArgumentException("the DACL claims " + size + " bytes, more than the descriptor holds");
            }
            List<Ace> aces = new ArrayList<>();
            int position = at + 8;
            for (int i = 0; i < count; i++) {
                int aceSize = in.getShort(position + 2) & 0xffff;
                if (aceSize < 4 || position + aceSize > at + size) {
                    throw new IllegalArgumentException("ACE " + i + " of the DACL has an impossible size " + aceSize);
                }
                aces.add(new Ace(bytes[position] & 0xff, bytes[position + 1] & 0xff,
                        slice(bytes, position + 4, aceSize - 4)));
                position += aceSize;
            }
            return new Acl(revision, List.copyOf(aces));
        }

        byte[] encode() {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            aces.forEach(ace -> body.writeBytes(ace.encode()));
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            header.put((byte) revision).put((byte) 0).putShort((short) (8 + body.size()))
                    .putShort((short) aces.size()).putShort((short) 0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(header.array());
            out.writeBytes(body.toByteArray());
            return out.toByteArray();
        }
    }

    /**
     * One access control entry: its type, flags and body as read. The body of the allow/deny types (plain and
     * object) is interpreted for its mask and SID; other types are carried unread.
     */
    public record Ace(int type, int flags, byte[] body) {
        public static final int ACCESS_ALLOWED = 0x0;
        public static final int ACCESS_DENIED = 0x1;
        public static final int ACCESS_ALLOWED_OBJECT = 0x5;
        public static final int ACCESS_DENIED_OBJECT = 0x6;
        private static final int OBJECT_TYPE_PRESENT = 0x1;
        private static final int INHERITED_OBJECT_TYPE_PRESENT = 0x2;

        /** An allow ACE with the rights Windows and Samba grant a principal allowed to act on behalf of others. */
        public static Ace allow(Sid sid) {
            byte[] sidBytes = sid.toBytes();
            ByteBuffer body = ByteBuffer.allocate(4 + sidBytes.length).order(ByteOrder.LITTLE_ENDIAN);
            body.putInt(Rights.FULL_CONTROL).put(sidBytes);
            return new Ace(ACCESS_ALLOWED, 0, body.array());
        }

        public boolean allows() {
            return type == ACCESS_ALLOWED || type == ACCESS_ALLOWED_OBJECT;
        }

        public boolean denies() {
            return type == ACCESS_DENIED || type == ACCESS_DENIED_OBJECT;
        }

        private boolean objectAce() {
            return type == ACCESS_ALLOWED_OBJECT || type == ACCESS_DENIED_OBJECT;
        }

        /** The access mask, for the allow and deny types. */
        public Optional<Integer> mask() {
            return allows() || denies()
                    ? Optional.of(ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getInt(0)) : Optional.empty();
        }

        /** The trustee, for the allow and deny types. */
        public Optional<Sid> sid() {
            if (!allows() && !denies()) {
                return Optional.empty();
            }
            int at = 4;
            if (objectAce()) {
                int objectFlags = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
                at = 8 + ((objectFlags & OBJECT_TYPE_PRESENT) != 0 ? 16 : 0)
                        + ((objectFlags & INHERITED_OBJECT_TYPE_PRESENT) != 0 ? 16 : 0);
            }
            return Optional.of(Sid.fromBytes(body, at));
        }

        byte[] encode() {
            ByteBuffer out = ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN);
            out.put((byte) type).put((byte) flags).putShort((short) (4 + body.length)).put(body);
            return out.array();
        }
    }

    /** The access rights kerbshell names (MS-DTYP 2.4.3, MS-ADTS 5.1.3.2), in SDDL's order and spelling. */
    static final class Rights {
        /** CCDCLCSWRPWPDTLOCRSDRCWDWO: what PowerShell's PrincipalsAllowedToDelegateToAccount and Samba write. */
        static final int FULL_CONTROL = 0x000F01FF;

        private Rights() {
        }
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        if (from < 0 || length < 0 || from + length > bytes.length) {
            throw new IllegalArgumentException("a part at offset " + from + " of " + length
                    + " bytes lies outside the descriptor's " + bytes.length + " bytes");
        }
        byte[] part = new byte[length];
        System.arraycopy(bytes, from, part, 0, length);
        return part;
    }
}
