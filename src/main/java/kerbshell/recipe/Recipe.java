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

    /** A value the recipe is run with, given as --param name=value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameter(String name, String description, String defaultValue, String pattern) {
    }
}
