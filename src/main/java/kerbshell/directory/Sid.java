package kerbshell.directory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A Windows security identifier in its two forms: the string {@code S-1-5-21-...-500} and the binary form AD
 * stores in objectSid and in security descriptors (MS-DTYP 2.4.2.2).
 */
public record Sid(String value) {

    public Sid {
        if (!value.matches("S-1-\\d+(-\\d+)*")) {
            throw new IllegalArgumentException("not a SID: " + value);
        }
    }

    public static Sid parse(String text) {
        return new Sid(text.trim().toUpperCase());
    }

    public static Sid fromBytes(byte[] bytes) {
        return fromBytes(bytes, 0);
    }

    public static Sid fromBytes(byte[] bytes, int offset) {
        int revision = bytes[offset] & 0xff;
        int count = bytes[offset + 1] & 0xff;
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (bytes[offset + i] & 0xff);
        }
        StringBuilder text = new StringBuilder("S-").append(revision).append('-').append(authority);
        ByteBuffer sub = ByteBuffer.wrap(bytes, offset + 8, count * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            text.append('-').append(Integer.toUnsignedLong(sub.getInt()));
        }
        return new Sid(text.toString());
    }

    public byte[] toBytes() {
        String[] parts = value.split("-");
        int count = parts.length - 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[1]));
        out.write(count);
        long authority = Long.parseLong(parts[2]);
        for (int shift = 40; shift >= 0; shift -= 8) {
            out.write((int) (authority >>> shift) & 0xff);
        }
        ByteBuffer sub = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 3; i < parts.length; i++) {
            sub.putInt((int) Long.parseLong(parts[i]));
        }
        out.writeBytes(sub.array());
        return out.toByteArray();
    }

    /** The last sub-authority: the relative identifier within the domain. */
    public long rid() {
        return Long.parseLong(value.substring(value.lastIndexOf('-') + 1));
    }

    /** The domain part of a domain account's SID (everything but the RID). */
    public Sid domain() {
        return new Sid(value.substring(0, value.lastIndexOf('-')));
    }

    @Override
    public String toString() {
        return value;
    }
}
