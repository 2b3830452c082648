package kerbshell.spn;

import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** AD's SPN syntax and limits, without a network: what {@code spn add} and delegation targets accept. */
class SpnSyntaxTest {

    @Test
    void theFormsAdUsesAreAccepted() {
        assertEquals(new Spn("cifs", "hv01.corp.example", null, null), Spn.parse("cifs/hv01.corp.example"));
        assertEquals(new Spn("Microsoft Virtual System Migration Service", "HV01", null, null),
                Spn.parse("Microsoft Virtual System Migration Service/HV01"));
        assertEquals(new Spn("MSSQLSvc", "sql1.corp.example", 1433, null), Spn.parse("MSSQLSvc/sql1.corp.example:1433"));
        assertEquals(new Spn("GC", "dc1.corp.example", null, "corp.example"), Spn.parse("GC/dc1.corp.example/corp.example"));
        assertEquals("ldap", Spn.parse("ldap/10.0.0.5").serviceClass());
        assertEquals("x".repeat(63), Spn.parse("http/" + "x".repeat(63) + ".corp.example").host().split("\\.")[0]);
    }

    @Test
    void controlCharactersAreRefusedAndShownEscaped() {
        assertRefused("http/web.corp.example\nHOST/forged", "'http/web.corp.example\\nHOST/forged' is not an SPN: it "
                + "contains the control character \\n (U+000A) at position 22, which no SPN may hold");
        assertRefused("http/web\0.corp.example", "'http/web\\0.corp.example' is not an SPN: it contains the control "
                + "character \\0 (U+0000) at position 9, which no SPN may hold");
        assertRefused("http/web.corp.example/\u001b[2J", "'http/web.corp.example/\\u001b[2J' is not an SPN: it "
                + "contains the control character \\u001b (U+001B) at position 23, which no SPN may hold");
    }

    @Test
    void adsLengthLimitsHold() {
        String host = "a".repeat(10_000);
        assertRefused("http/" + host, "'http/" + "a".repeat(75) + "... (10005 characters)' is not an SPN: it has "
                + "10005 characters, and AD holds at most 2048");
        assertRefused("http/" + "a".repeat(300), "'http/" + "a".repeat(75) + "... (305 characters)' is not an SPN: its "
                + "host has 300 characters, and a DNS name has at most 255");
        assertRefused("http/" + "b".repeat(64) + ".corp", "'http/" + "b".repeat(64) + ".corp' is not an SPN: its host "
                + "has a label of 64 characters, and a DNS label has at most 63");
    }

    @Test
    void aCommaOrOtherPunctuationInTheHostIsNotAHostName() {
        assertRefused("http/a,http/b", "'http/a,http/b' is not an SPN: its host 'a,http' is not a host name "
                + "(letters, digits, '-', '_' and '.'); the form is serviceclass/host[:port][/servicename], e.g. "
                + "cifs/hv01.corp.example or \"Microsoft Virtual System Migration Service/HV01\"");
        assertRefused("http/web;rm", null);
        assertRefused("http/web..corp", null);
        assertRefused("no-slash", null);
        assertRefused("http/web:0", "'http/web:0' has port 0: ports run from 1 to 65535");
    }

    @Test
    void valuesAlreadyHeldAreReadByTheirFormOnly() {
        // Another tool may have written an odd host: it can still be found and removed.
        assertEquals("a,http", Spn.parseHeld("http/a,http/b").host());
        assertEquals("http/x\\ny", Spn.escaped("http/x\ny"));
    }

    private static void assertRefused(String spn, String message) {
        KerbshellException refused = assertThrows(KerbshellException.class, () -> Spn.parse(spn));
        assertEquals(ExitStatus.USAGE, refused.status());
        if (message != null) {
            assertEquals(message, refused.getMessage());
        }
    }
}
