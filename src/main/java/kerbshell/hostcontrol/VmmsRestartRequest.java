package kerbshell.hostcontrol;

/**
 * What {@code vmms restart} was asked to do.
 *
 * @param via      null for the default: the lab's simulation on the lab, printing elsewhere
 * @param address  HOST[:PORT] to connect to instead of the host's dNSHostName, or null
 * @param ssh      for --via ssh; its user may be null (then the session's user, user@domain)
 * @param winrm    for --via winrm
 */
public record VmmsRestartRequest(String host, Via via, boolean purgeTickets, RemoteShell shell, String address,
                                 SshOptions ssh, WinRmOptions winrm) {
}
