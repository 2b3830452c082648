package kerbshell.recipe;

import java.util.List;

/** A recipe as read from its file: its fields, and its steps already split into arguments. */
public record LoadedRecipe(Recipe recipe, List<RecipeStep> steps, List<RecipeStep> verify) {
}
