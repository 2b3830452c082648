package kerbshell.cli;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.shell.command.annotation.CommandScan;

/** The Spring Boot application behind the shell; started by {@link ShellLauncher}, never directly. */
@SpringBootApplication
@CommandScan
public class ShellApplication {
}
