package kerbshell.kerberos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The little DER that the Microsoft Kerberos extensions need and Apache Kerby has no types for: PA-FOR-USER and
 * PA-PAC-OPTIONS to write, KERB-ERROR-DATA and METHOD-DATA to read. Definite lengths only, as DER has.
 */
final class Der {
    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int BIT_STRING = 0x03;
    static final int GENERAL_STRING = 0x1B;

    private Der() {
    }

    /** One element: its tag, and the content octets. */
    record Element(int tag, byte[] content) {
        /** The elements inside a constructed element (SEQUENCE, [n] EXPLICIT). */
        List<Element> children() {
            return readAll(content);
        }

        /** A DER INTEGER as a long (Kerberos integers fit in 32 bits). */
        long asInteger() {
            long value = content.length > 0 && content[0] < 0 ? -1 : 0;
            for (byte b : content) {
                value = (value << 8) | (b & 0xFF);
            }
            return value;
        }
    }

    static List<Element> readAll(byte[] bytes) {
        List<Element> elements = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int tag = bytes[at++] & 0xFF;
            if (at >= bytes.length) {
                throw new IllegalArgumentException("DER: no length after tag " + Integer.toHexString(tag));
            }
            int length = bytes[at++] & 0xFF;
            if (length > 0x7F) {
                int octets = length & 0x7F;
                if (octets == 0 || octets > 4 || at + octets > bytes.length) {
                    throw new IllegalArgumentException("DER: bad length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (bytes[at++] & 0xFF);
                }
            }
            if (length < 0 || at + length > bytes.length) {
                throw new IllegalArgumentException("DER: element longer than its container");
            }
            byte[] content = new byte[length];
            System.arraycopy(bytes, at, content, 0, length);
            elements.add(new Element(tag, content));
            at += length;
        }
        return elements;
    }

    static byte[] element(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return element(SEQUENCE, concat(parts));
    }

    /** [n] EXPLICIT, context-specific and constructed. */
    static byte[] explicit(int number, byte[] inner) {
        return element(0xA0 | number, inner);
    }

    static byte[] generalString(String text) {
        return element(GENERAL_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
