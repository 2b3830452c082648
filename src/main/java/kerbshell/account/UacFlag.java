package kerbshell.account;

import kerbshell.directory.Ad;

import java.util.EnumSet;
import java.util.Set;

/** The userAccountControl bits kerbshell judges by (MS-ADTS 2.2.16), by name. */
public enum UacFlag {
    ACCOUNTDISABLE(Ad.UAC_ACCOUNTDISABLE),
    NORMAL_ACCOUNT(Ad.UAC_NORMAL_ACCOUNT),
    WORKSTATION_TRUST_ACCOUNT(Ad.UAC_WORKSTATION_TRUST_ACCOUNT),
    SERVER_TRUST_ACCOUNT(Ad.UAC_SERVER_TRUST_ACCOUNT),
    DONT_EXPIRE_PASSWORD(Ad.UAC_DONT_EXPIRE_PASSWORD),
    TRUSTED_FOR_DELEGATION(Ad.UAC_TRUSTED_FOR_DELEGATION),
    NOT_DELEGATED(Ad.UAC_NOT_DELEGATED),
    TRUSTED_TO_AUTH_FOR_DELEGATION(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION),
    PARTIAL_SECRETS_ACCOUNT(Ad.UAC_PARTIAL_SECRETS_ACCOUNT);

    private final int bit;

    UacFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** The named flags set in a userAccountControl value. */
    public static Set<UacFlag> decode(int userAccountControl) {
        Set<UacFlag> flags = EnumSet.noneOf(UacFlag.class);
        for (UacFlag flag : values()) {
            if ((userAccountControl & flag.bit) != 0) {
                flags.add(flag);
            }
        }
        return flags;
    }
}
