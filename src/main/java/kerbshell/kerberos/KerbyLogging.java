package kerbshell.kerberos;

import org.slf4j.LoggerFactory;

/**
 * Silences Apache Kerby's own logging. Kerby logs every refused request at ERROR (an unknown SPN is an ordinary
 * answer here, not a fault) and its client chats at INFO; those lines would land on the shell's stdout between
 * command output. Everything Kerby knows about a request reaches kerbshell as the KDC's answer or an exception,
 * so nothing is lost.
 */
public final class KerbyLogging {
    private static final String KERBY = "org.apache.kerby";

    private KerbyLogging() {
    }

    public static void silence() {
        try {
            if (LoggerFactory.getLogger(KERBY) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.OFF);
            }
        } catch (NoClassDefFoundError e) {
            // Without Logback another SLF4J binding is in charge; its own configuration decides.
        }
    }
}
