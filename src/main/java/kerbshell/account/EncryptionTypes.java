package kerbshell.account;

import kerbshell.directory.Ad;
import kerbshell.error.KerbshellException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** msDS-SupportedEncryptionTypes as people write it: a number, or names such as rc4,aes128,aes256. */
public final class EncryptionTypes {
    private EncryptionTypes() {
    }

    static int parse(String text) {
        String given = text.strip().toLowerCase(Locale.ROOT);
        if (given.matches("\\d+")) {
            return Integer.parseInt(given);
        }
        int bits = 0;
        for (String name : given.split("[,\\s]+")) {
            bits |= switch (name) {
                case "des", "des-cbc-crc" -> Ad.ETYPE_DES_CBC_CRC;
                case "des-cbc-md5" -> Ad.ETYPE_DES_CBC_MD5;
                case "rc4", "rc4-hmac" -> Ad.ETYPE_RC4_HMAC;
                case "aes128" -> Ad.ETYPE_AES128;
                case "aes256" -> Ad.ETYPE_AES256;
                case "aes" -> Ad.ETYPE_AES128 | Ad.ETYPE_AES256;
                default -> throw KerbshellException.usage("unknown encryption type '" + name
                        + "': use rc4, aes128, aes256 (or a number)");
            };
        }
        return bits;
    }

    public static String describe(int bits) {
        List<String> names = new ArrayList<>();
        if ((bits & (Ad.ETYPE_DES_CBC_CRC | Ad.ETYPE_DES_CBC_MD5)) != 0) {
            names.add("DES");
        }
        if ((bits & Ad.ETYPE_RC4_HMAC) != 0) {
            names.add("RC4");
        }
        if ((bits & Ad.ETYPE_AES128) != 0) {
            names.add("AES128");
        }
        if ((bits & Ad.ETYPE_AES256) != 0) {
            names.add("AES256");
        }
        return String.join(", ", names) + " (" + bits + ")";
    }
}
