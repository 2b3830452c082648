package kerbshell.directory;

import com.unboundid.ldap.sdk.RootDSE;

import java.util.List;

/** What the DC's rootDSE says about the domain, read once when the session opens. */
public record DomainInfo(String defaultNamingContext, String configurationNamingContext,
                         String rootDomainNamingContext, String dcHostName, List<String> namingContexts,
                         Integer domainFunctionality, Integer forestFunctionality, Integer dcFunctionality) {

    static DomainInfo from(RootDSE root) {
        if (root == null || root.getAttributeValue(Ad.DEFAULT_NAMING_CONTEXT) == null) {
            throw new IllegalArgumentException("the server's rootDSE has no defaultNamingContext: not an AD DC");
        }
        String[] contexts = root.getNamingContextDNs();
        return new DomainInfo(root.getAttributeValue(Ad.DEFAULT_NAMING_CONTEXT),
                root.getAttributeValue(Ad.CONFIGURATION_NAMING_CONTEXT),
                root.getAttributeValue(Ad.ROOT_DOMAIN_NAMING_CONTEXT),
                root.getAttributeValue(Ad.DNS_HOST_NAME_ROOT),
                contexts == null ? List.of() : List.of(contexts),
                root.getAttributeValueAsInteger(Ad.DOMAIN_FUNCTIONALITY),
                root.getAttributeValueAsInteger(Ad.FOREST_FUNCTIONALITY),
                root.getAttributeValueAsInteger(Ad.DC_FUNCTIONALITY));
    }

    /** The domain's DNS name derived from its naming context: DC=corp,DC=example becomes corp.example. */
    public String dnsDomain() {
        return dnsNameOf(defaultNamingContext);
    }

    static String dnsNameOf(String namingContext) {
        StringBuilder name = new StringBuilder();
        for (String rdn : namingContext.split(",")) {
            String[] pair = rdn.trim().split("=", 2);
            if (pair[0].equalsIgnoreCase("DC")) {
                name.append(name.length() == 0 ? "" : ".").append(pair[1]);
            }
        }
        return name.toString().toLowerCase();
    }

    /** AD's functional level numbers (MS-ADTS 6.1.4.2) as the Windows release people know them by. */
    public static String levelName(Integer level) {
        if (level == null) {
            return "unknown";
        }
        return switch (level) {
            case 0 -> "Windows 2000";
            case 1 -> "Windows Server 2003 interim";
            case 2 -> "Windows Server 2003";
            case 3 -> "Windows Server 2008";
            case 4 -> "Windows Server 2008 R2";
            case 5 -> "Windows Server 2012";
            case 6 -> "Windows Server 2012 R2";
            case 7 -> "Windows Server 2016";
            case 10 -> "Windows Server 2025";
            default -> "level " + level;
        } + " (" + level + ")";
    }
}
