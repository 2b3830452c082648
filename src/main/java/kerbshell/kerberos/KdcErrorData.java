package kerbshell.kerberos;

import java.util.List;
import java.util.Optional;

/**
 * The NTSTATUS an AD or Samba KDC puts in a KRB-ERROR's e-data ([MS-KILE] 2.2.1 KERB-EXT-ERROR): inside a
 * KERB-ERROR-DATA {@code SEQUENCE { data-type [1] INTEGER, data-value [2] OCTET STRING }} with data-type 3
 * (KERB_ERR_TYPE_EXTENDED) — what Samba 4.22 sends for S4U refusals — or inside a METHOD-DATA entry of type 3
 * (PA-PW-SALT), as Windows does for AS errors. KERB-EXT-ERROR is 12 bytes, little-endian: status, reserved, flags.
 */
public final class KdcErrorData {
    private static final int KERB_ERR_TYPE_EXTENDED = 3;

    private KdcErrorData() {
    }

    /** The NTSTATUS (unsigned, e.g. 0xC000006E) the e-data holds; empty for none or an unreadable one. */
    public static Optional<Long> ntStatus(byte[] eData) {
        if (eData == null || eData.length == 0) {
            return Optional.empty();
        }
        try {
            List<Der.Element> top = Der.readAll(eData);
            if (top.size() != 1 || top.get(0).tag() != Der.SEQUENCE) {
                return Optional.empty();
            }
            List<Der.Element> inside = top.get(0).children();
            if (!inside.isEmpty() && inside.get(0).tag() == Der.SEQUENCE) {
                for (Der.Element entry : inside) {           // METHOD-DATA: a SEQUENCE OF PA-DATA
                    Optional<Long> status = typedValue(entry.children());
                    if (status.isPresent()) {
                        return status;
                    }
                }
                return Optional.empty();
            }
            return typedValue(inside);                        // KERB-ERROR-DATA
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code [1] INTEGER type, [2] OCTET STRING value} with type 3 and a KERB-EXT-ERROR value. */
    private static Optional<Long> typedValue(List<Der.Element> fields) {
        Long type = null;
        byte[] value = null;
        for (Der.Element field : fields) {
            List<Der.Element> inner = field.children();
            if (inner.size() != 1) {
                continue;
            }
            if (field.tag() == 0xA1 && inner.get(0).tag() == Der.INTEGER) {
                type = inner.get(0).asInteger();
            } else if (field.tag() == 0xA2 && inner.get(0).tag() == Der.OCTET_STRING) {
                value = inner.get(0).content();
            }
        }
        if (type == null || type != KERB_ERR_TYPE_EXTENDED || value == null || value.length < 4) {
            return Optional.empty();
        }
        long status = (value[0] & 0xFFL) | (value[1] & 0xFFL) << 8 | (value[2] & 0xFFL) << 16 | (value[3] & 0xFFL) << 24;
        return Optional.of(status);
    }

    /** 0xC000006E as kerbshell and Windows print it. */
    public static String hex(long status) {
        return String.format("0x%08X", status);
    }
}
