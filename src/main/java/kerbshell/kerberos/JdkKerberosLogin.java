package kerbshell.kerberos;

import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import java.util.Map;

/**
 * A logon through the JDK's own Kerberos (Krb5LoginModule), configured in code rather than by a JAAS file: what the
 * JDK's GSS-API (S4U, SPNEGO for WinRM) needs as its Subject.
 */
public final class JdkKerberosLogin {
    private JdkKerberosLogin() {
    }

    /**
     * @param options   Krb5LoginModule options (useKeyTab, keyTab, principal, ...)
     * @param callbacks asks for the name and password, or null when a keytab or ticket cache serves
     */
    public static Subject logIn(String name, Map<String, ?> options, CallbackHandler callbacks) throws LoginException {
        Configuration configuration = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String ignored) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        LoginContext login = new LoginContext(name, new Subject(), callbacks, configuration);
        login.login();
        return login.getSubject();
    }
}
