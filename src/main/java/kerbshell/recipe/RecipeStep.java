package kerbshell.recipe;

import java.util.List;

/**
 * One step (or verify step) of a recipe, split into its arguments once, when the file is read: parameters are
 * later substituted into these arguments, never into the text, so a value can never become a second argument or
 * an option.
 *
 * @param text  the line as the file holds it
 * @param words its arguments, {@code ${param}} placeholders still in them
 * @param at    where it is: file:line:column
 */
public record RecipeStep(String text, List<String> words, String at) {
}
