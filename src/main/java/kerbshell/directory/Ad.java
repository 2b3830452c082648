package kerbshell.directory;

/**
 * Active Directory names and flag values this tool depends on, in one place so that the lab, the services and
 * the tests agree on them.
 */
public final class Ad {
    private Ad() {
    }

    public static final String SAM_ACCOUNT_NAME = "sAMAccountName";
    public static final String USER_PRINCIPAL_NAME = "userPrincipalName";
    public static final String DNS_HOST_NAME = "dNSHostName";
    public static final String SERVICE_PRINCIPAL_NAME = "servicePrincipalName";
    public static final String USER_ACCOUNT_CONTROL = "userAccountControl";
    public static final String ALLOWED_TO_DELEGATE_TO = "msDS-AllowedToDelegateTo";
    public static final String ALLOWED_TO_ACT = "msDS-AllowedToActOnBehalfOfOtherIdentity";
    public static final String SUPPORTED_ENCRYPTION_TYPES = "msDS-SupportedEncryptionTypes";
    public static final String MEMBER = "member";
    public static final String MEMBER_OF = "memberOf";
    public static final String PRIMARY_GROUP_ID = "primaryGroupID";
    public static final String OBJECT_SID = "objectSid";
    public static final String OBJECT_GUID = "objectGUID";
    public static final String OBJECT_CLASS = "objectClass";
    public static final String OPERATING_SYSTEM = "operatingSystem";
    public static final String OPERATING_SYSTEM_VERSION = "operatingSystemVersion";
    public static final String PWD_LAST_SET = "pwdLastSet";
    public static final String KEY_VERSION_NUMBER = "msDS-KeyVersionNumber";
    public static final String SPN_MAPPINGS = "sPNMappings";
    public static final String CN = "cn";
    public static final String WHEN_CREATED = "whenCreated";

    public static final String CLASS_USER = "user";
    public static final String CLASS_COMPUTER = "computer";
    public static final String CLASS_GROUP = "group";
    public static final String CLASS_CROSS_REF = "crossRef";
    /** The forest's domains are crossRef objects under CN=Partitions of the configuration partition. */
    public static final String PARTITIONS_RDN = "CN=Partitions";
    public static final String NETBIOS_NAME = "nETBIOSName";
    public static final String DNS_ROOT = "dnsRoot";
    public static final String NC_NAME = "nCName";

    // rootDSE
    public static final String DEFAULT_NAMING_CONTEXT = "defaultNamingContext";
    public static final String CONFIGURATION_NAMING_CONTEXT = "configurationNamingContext";
    public static final String ROOT_DOMAIN_NAMING_CONTEXT = "rootDomainNamingContext";
    public static final String NAMING_CONTEXTS = "namingContexts";
    public static final String DOMAIN_FUNCTIONALITY = "domainFunctionality";
    public static final String FOREST_FUNCTIONALITY = "forestFunctionality";
    public static final String DC_FUNCTIONALITY = "domainControllerFunctionality";
    public static final String CURRENT_TIME = "currentTime";
    public static final String DNS_HOST_NAME_ROOT = "dnsHostName";

    /** userAccountControl bits (MS-ADTS 2.2.16). */
    public static final int UAC_ACCOUNTDISABLE = 0x2;
    public static final int UAC_NORMAL_ACCOUNT = 0x200;
    public static final int UAC_WORKSTATION_TRUST_ACCOUNT = 0x1000;
    public static final int UAC_SERVER_TRUST_ACCOUNT = 0x2000;
    public static final int UAC_DONT_EXPIRE_PASSWORD = 0x10000;
    public static final int UAC_TRUSTED_FOR_DELEGATION = 0x80000;
    public static final int UAC_NOT_DELEGATED = 0x100000;
    public static final int UAC_TRUSTED_TO_AUTH_FOR_DELEGATION = 0x1000000;
    /** Set on read-only domain controllers, which hold unconstrained delegation by design like writable ones. */
    public static final int UAC_PARTIAL_SECRETS_ACCOUNT = 0x4000000;

    /** A writable (SERVER_TRUST_ACCOUNT) or read-only (PARTIAL_SECRETS_ACCOUNT) domain controller's account. */
    public static boolean isDomainController(int userAccountControl) {
        return (userAccountControl & (UAC_SERVER_TRUST_ACCOUNT | UAC_PARTIAL_SECRETS_ACCOUNT)) != 0;
    }

    /** The userAccountControl bits kerbshell reads or writes, by the names Microsoft documents them under. */
    public static final java.util.Map<Integer, String> UAC_NAMES = java.util.Map.of(
            UAC_ACCOUNTDISABLE, "ACCOUNTDISABLE", UAC_NORMAL_ACCOUNT, "NORMAL_ACCOUNT",
            UAC_WORKSTATION_TRUST_ACCOUNT, "WORKSTATION_TRUST_ACCOUNT", UAC_SERVER_TRUST_ACCOUNT, "SERVER_TRUST_ACCOUNT",
            UAC_DONT_EXPIRE_PASSWORD, "DONT_EXPIRE_PASSWORD", UAC_TRUSTED_FOR_DELEGATION, "TRUSTED_FOR_DELEGATION",
            UAC_NOT_DELEGATED, "NOT_DELEGATED", UAC_TRUSTED_TO_AUTH_FOR_DELEGATION, "TRUSTED_TO_AUTH_FOR_DELEGATION",
            UAC_PARTIAL_SECRETS_ACCOUNT, "PARTIAL_SECRETS_ACCOUNT");

    /** A userAccountControl value as its bit names, e.g. "WORKSTATION_TRUST_ACCOUNT|TRUSTED_FOR_DELEGATION". */
    public static String uacNames(int value) {
        java.util.List<String> names = new java.util.ArrayList<>();
        int rest = value;
        for (int bit = 1; bit != 0; bit <<= 1) {
            if ((value & bit) != 0 && UAC_NAMES.containsKey(bit)) {
                names.add(UAC_NAMES.get(bit));
                rest &= ~bit;
            }
        }
        if (rest != 0) {
            names.add("0x" + Integer.toHexString(rest));
        }
        return names.isEmpty() ? "0" : String.join("|", names);
    }

    /** msDS-SupportedEncryptionTypes bits. */
    public static final int ETYPE_DES_CBC_CRC = 0x1;
    public static final int ETYPE_DES_CBC_MD5 = 0x2;
    public static final int ETYPE_RC4_HMAC = 0x4;
    public static final int ETYPE_AES128 = 0x8;
    public static final int ETYPE_AES256 = 0x10;

    /** Well-known relative identifiers. */
    public static final int RID_DOMAIN_ADMINS = 512;
    public static final int RID_DOMAIN_CONTROLLERS = 516;
    public static final int RID_PROTECTED_USERS = 525;
    /** Read-only Domain Controllers: created when the domain got its first Windows Server 2008 DC (or adprep). */
    public static final int RID_READ_ONLY_DOMAIN_CONTROLLERS = 521;
    public static final int RID_SCHEMA_ADMINS = 518;
    public static final int RID_ENTERPRISE_ADMINS = 519;
    public static final int RID_ADMINISTRATOR = 500;

    /** Well-known SIDs outside any domain. */
    public static final String SID_BUILTIN_ADMINISTRATORS = "S-1-5-32-544";

    /** The path of the object holding sPNMappings, below the configuration naming context. */
    public static final String DIRECTORY_SERVICE_RDNS = "CN=Directory Service,CN=Windows NT,CN=Services";

    /** OID of the LDAP "Who am I?" extended operation (RFC 4532). */
    public static final String WHO_AM_I_OID = "1.3.6.1.4.1.4203.1.11.3";
}
