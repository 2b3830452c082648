package kerbshell.cli;

import kerbshell.output.Renderable;
import org.springframework.shell.ResultHandler;

/** Prints every kerbshell result, as text or JSON, and records what it means for the exit status. */
final class RenderableResultHandler implements ResultHandler<Renderable> {
    private final Console console;
    private final CommandStatus status;

    RenderableResultHandler(Console console, CommandStatus status) {
        this.console = console;
        this.status = status;
    }

    @Override
    public void handleResult(Renderable result) {
        console.print(result);
        status.record(result.exitStatus());
    }
}
