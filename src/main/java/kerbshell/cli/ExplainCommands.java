package kerbshell.cli;

import kerbshell.diagnosis.ExplainService;
import kerbshell.diagnosis.Explanation;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

import java.util.List;

/** explain: what a Windows or Kerberos error code, event or pasted error message means, and how to fix it. */
@Command(group = "Diagnosis")
class ExplainCommands {

    @Command(command = "explain", description = "Explain an error code, event ID or a whole pasted error message: "
            + "its meaning, its usual causes in Hyper-V moves, the fix and the kerbshell checks that detect it.")
    Explanation explain(@Option(required = true, arityMax = 4096, description = "The code (0x8009030E, "
            + "-2146893042, KDC_ERR_BADOPTION, event 20306) or the error message; the rest of the line, no quotes "
            + "needed. Put -- before a text that starts with '-'.") List<String> text) {
        return new ExplainService().explain(String.join(" ", text));
    }
}
