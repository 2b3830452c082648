package kerbshell.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.SSLSocketVerifier;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks that the DC's certificate names the host kerbshell was told to connect to, for every address with no
 * exemption: UnboundID's own {@code HostNameSSLSocketVerifier} accepts any certificate when the server is given
 * as a loopback address, which would let whoever can listen on a loopback port pose as the DC.
 *
 * <p>The names are the certificate's subjectAltName entries only (RFC 6125; AD CS puts the DC's names there): a
 * host name must equal a dNSName (case-insensitive), or match a wildcard dNSName whose {@code *} is the whole
 * left-most label; an IP literal must equal an iPAddress entry. The subject's CN is not used.
 *
 * <p>Thread-safe: it holds no state.
 */
final class CertificateNameVerifier extends SSLSocketVerifier {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    @Override
    public void verifySSLSocket(String host, int port, SSLSocket socket) throws LDAPException {
        X509Certificate certificate;
        try {
            Certificate[] chain = socket.getSession().getPeerCertificates();
            certificate = (X509Certificate) chain[0];
        } catch (SSLPeerUnverifiedException | ClassCastException | ArrayIndexOutOfBoundsException e) {
            throw new LDAPException(ResultCode.CONNECT_ERROR, "hostname verification failed: " + host + ":" + port
                    + " presented no certificate", e);
        }
        List<String> names = names(certificate);
        if (!matches(host, certificate)) {
            throw new LDAPException(ResultCode.CONNECT_ERROR, "hostname verification failed: the certificate of "
                    + host + ":" + port + " does not name " + host + "; it names "
                    + (names.isEmpty() ? "no subjectAltName" : String.join(" ", names)));
        }
    }

    /** Whether the certificate's subjectAltNames name {@code host} (a DNS name or an IP literal). */
    static boolean matches(String host, X509Certificate certificate) {
        String given = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] address = ipLiteral(given);
        for (List<?> entry : subjectAltNames(certificate)) {
            int type = (Integer) entry.get(0);
            String value = String.valueOf(entry.get(1));
            if (address != null && type == SAN_IP) {
                byte[] named = ipLiteral(value);
                if (named != null && Arrays.equals(named, address)) {
                    return true;
                }
            } else if (address == null && type == SAN_DNS && dnsMatches(given, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dnsMatches(String host, String pattern) {
        String h = stripDot(host.toLowerCase(Locale.ROOT));
        String p = stripDot(pattern.toLowerCase(Locale.ROOT));
        if (!p.startsWith("*.")) {
            return h.equals(p);
        }
        // A wildcard stands for exactly one whole label, and never for a label of a public suffix alone.
        String suffix = p.substring(1);
        int firstDot = h.indexOf('.');
        return firstDot > 0 && h.substring(firstDot).equals(suffix) && suffix.indexOf('.', 1) > 0;
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** The bytes of an IPv4 or IPv6 literal, or null for a host name; never a DNS lookup. */
    static byte[] ipLiteral(String text) {
        boolean literal = IPV4.matcher(text).matches() || text.contains(":");
        if (!literal) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /** The names in the form the failure message quotes (dnsName='...' ipAddress='...'). */
    private static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        for (List<?> entry : subjectAltNames(certificate)) {
            int type = (Integer) entry.get(0);
            if (type == SAN_DNS) {
                names.add("dnsName='" + entry.get(1) + "'");
            } else if (type == SAN_IP) {
                names.add("ipAddress='" + entry.get(1) + "'");
            }
        }
        return names;
    }
}
