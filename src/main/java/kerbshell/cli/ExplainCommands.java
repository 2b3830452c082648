package kerbshell.cli;

import kerbshell.diagnosis.ExplainService;
import kerbshell.diagnosis.Explanation;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

import java.util.List;

/** explain: what a Windows or Kerberos error code, event or pasted error message means, and how to fix it. */
@Command(group = "Diagnosis")
public class ExplainCommands {

    @Example(value = "explain 0x80090303",
            says = "Explains SEC_E_TARGET_UNKNOWN, the usual live-migration failure, with its causes and fix.")
    @Example(value = "explain -2146893053",
            says = "The same code as the signed decimal that event logs and PowerShell show.")
    @Example(value = "explain The Virtual Machine Management Service failed to establish a connection for a "
                    + "Virtual Machine migration because the target principal name is incorrect (0x80090322)",
            says = "Finds the codes in a pasted message and explains each.")
    @Command(command = "explain", description = "Explain an error code, event ID or a whole pasted error message: "
            + "its meaning, its usual causes in Hyper-V moves, the fix and the kerbshell checks that detect it.")
    Explanation explain(@Option(required = true, arityMax = 4096, description = "The code (0x8009030E, "
            + "-2146893042, KDC_ERR_BADOPTION, event 20306) or the error message; the rest of the line as it is "
            + "typed, apostrophes and quotes included.") List<String> text) {
        return new ExplainService().explain(String.join(" ", text));
    }
}
