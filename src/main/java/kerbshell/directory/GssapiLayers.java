package kerbshell.directory;

import com.unboundid.ldap.sdk.GSSAPIBindRequest;
import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.GSSAPIChannelBindingType;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SASLQualityOfProtection;

import java.util.Locale;

/**
 * The SASL security layer and channel binding a GSSAPI bind asks for, for each {@link SessionProtection}.
 *
 * <p>Inside TLS, AD refuses a second SASL layer (MS-ADTS 5.1.2.1) and, with LDAP channel binding enforced, a
 * Kerberos authenticator without the TLS channel's binding (80090346, data 35b): kerbshell sends QoP "auth" with
 * the {@code tls-server-end-point} binding (RFC 5929), which Samba 4.20 and later check as AD does. Without TLS the
 * layer is the protection, and kerbshell asks for sealing only, then signing only when the DC offers no sealing:
 * the JDK's SASL client would otherwise pick whatever the DC offers and kerbshell could not tell which it got.
 */
final class GssapiLayers {
    private GssapiLayers() {
    }

    static GSSAPIBindRequest bindRequest(GSSAPIBindRequestProperties props, SessionProtection protection)
            throws LDAPException {
        switch (protection) {
            case LDAPS_CHANNEL_BINDING, STARTTLS_CHANNEL_BINDING -> {
                props.setAllowedQoP(SASLQualityOfProtection.AUTH);
                props.setChannelBindingType(GSSAPIChannelBindingType.TLS_SERVER_END_POINT);
            }
            case GSSAPI_SEALED -> {
                props.setAllowedQoP(SASLQualityOfProtection.AUTH_CONF);
                props.setChannelBindingType(GSSAPIChannelBindingType.NONE);
            }
            case GSSAPI_SIGNED -> {
                props.setAllowedQoP(SASLQualityOfProtection.AUTH_INT);
                props.setChannelBindingType(GSSAPIChannelBindingType.NONE);
            }
            default -> throw new IllegalArgumentException(protection + " is not a GSSAPI protection");
        }
        return new GSSAPIBindRequest(props);
    }

    /** The JDK's SASL client found none of the layers it may use among those the DC offers. */
    static boolean noCommonLayer(LDAPException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("no common protection layer")) {
                return true;
            }
        }
        return false;
    }
}
