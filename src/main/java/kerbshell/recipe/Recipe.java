package kerbshell.recipe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A recipe: ordinary kerbshell command lines with {@code ${param}} placeholders, applied as steps and followed
 * by verify steps (usually a check) that must pass. Never holds a secret.
 *
 * @param notes what a person must do by hand (on the hosts), shown with the plan and never run
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "description", "parameters", "steps", "verify", "notes"})
public record Recipe(String name, String description, List<Parameter> parameters, List<String> steps,
                     List<String> verify, List<String> notes) {

    /**
     * A value the recipe is run with, given as --param name=value; it becomes exactly one argument, checked
     * against {@code pattern}, or else against the safe pattern of its {@code kind}.
     *
     * @param kind account (a host or account name), spn, domain, or text (the default: no spaces, quotes or
     *             backslashes, and never starting with '-', so it cannot pass for an option)
     * @param list true for a list of values separated by commas ({@code nodes=HV01,HV02,HV03}): kind and pattern
     *             apply to each element, and each element is still exactly one argument
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameter(String name, String description, String defaultValue, String pattern, String kind,
                            Boolean list) {
        public Parameter(String name, String description, String defaultValue, String pattern) {
            this(name, description, defaultValue, pattern, null, null);
        }

        public Parameter(String name, String description, String defaultValue, String pattern, String kind) {
            this(name, description, defaultValue, pattern, kind, null);
        }

        /** Whether the value is a list of values separated by commas. */
        public boolean isList() {
            return Boolean.TRUE.equals(list);
        }
    }
}
