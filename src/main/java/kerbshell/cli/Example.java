package kerbshell.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One example of a command, shown by {@code help COMMAND} as samba-tool and Get-Help -Examples show theirs: the
 * line as typed, then one sentence saying what it does. On the command's method, or on the class of a command
 * registered by code (whose function is a method reference of that class). Every command has one to three; {@code CommandExamplesTest}
 * runs each on the lab (after {@code lab reset}) and fails on a command without one or an example that errors.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Repeatable(Example.List.class)
@interface Example {
    /** The command line, e.g. {@code spn list HV01}. */
    String value();

    /** What it does, one sentence ending with a period. */
    String says();

    /**
     * Why the example cannot run on the lab (it needs a real host, a keytab or a DC), or empty when it can. The
     * test still checks that such an example's words bind to the command's syntax.
     */
    String notOnLab() default "";

    /** Lines the examples test runs first, when the example needs something done before it (undo needs a change). */
    String[] after() default {};

    /** Lines the examples test runs afterwards, to end what the example began (a recording). */
    String[] then() default {};

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @interface List {
        Example[] value();
    }
}
