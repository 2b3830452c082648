package kerbshell.diagnosis;

import java.util.List;

/**
 * One code or event kerbshell explains, as the data file {@code kerbshell/diagnosis/codes.yaml} holds it: the forms
 * that match it in pasted text, what it means, its usual causes in Hyper-V moves, the fix, the kerbshell command
 * lines that detect it, and the ids of its sources. {@code documented} is false only for an event no public source
 * defines; such an entry cites no source and says so.
 */
public record CodeEntry(String id, String title, Match match, String meaning, List<String> causes, List<String> fix,
                        List<String> detectedBy, List<String> sources, boolean documented) {

    /**
     * The forms that find an entry in text. {@code hex}: 32-bit status codes (HRESULT, SECURITY_STATUS), found as
     * 0x80090303, 80090303 or either decimal (-2146893053, 2148074243). {@code win32}: Win32 error numbers, found as
     * "error 8647", 0x21C7, 000021C7 and as the HRESULT 0x8007xxxx with its decimals. {@code kerberos}: Kerberos
     * error numbers (RFC 4120), found after "Kerberos error" or a Windows event's "Failure Code: 0x..". {@code events}:
     * event IDs with the log they come from, found as "event 20306", "Event ID: 20306". {@code names}: symbolic names
     * (KDC_ERR_BADOPTION), any case. {@code phrases}: message texts, any case.
     */
    public record Match(List<Long> hex, List<Integer> win32, List<Integer> kerberos, List<Event> events,
                        List<String> names, List<String> phrases) {
    }

    /** An event ID and the log (event source) it belongs to, e.g. 20306 in Hyper-V-VMMS. */
    public record Event(int id, String log) {
    }

    /** A source an entry cites: an id as DOMAIN.md numbers them (S11) or a named one (RFC4120), a title, an address. */
    public record Source(String id, String title, String address) {
    }
}
