package kerbshell.recipe;

import kerbshell.error.KerbshellException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A list parameter: each value checked and one argument; ${each:x} twice is each pair once; ${all:x} every value. */
class RecipeListParameterTest {
    private static final Recipe MESH = new Recipe("mesh", "a mesh", List.of(new Recipe.Parameter("nodes", "the nodes",
            null, null, "account", true)), List.of("delegate pair ${each:nodes} ${each:nodes}"), List.of(), List.of());

    @Test
    void theSameNameTwiceIsEachPairOfTwoDifferentValuesOnce() {
        Map<String, String> values = RecipeParameters.bind(MESH, List.of("nodes=HV01, HV02,HV03,HV04"));
        List<List<String>> commands = RecipeParameters.expand(List.of("delegate", "pair", "${each:nodes}",
                "${each:nodes}"), values);
        assertEquals(List.of(List.of("delegate", "pair", "HV01", "HV02"), List.of("delegate", "pair", "HV01", "HV03"),
                List.of("delegate", "pair", "HV01", "HV04"), List.of("delegate", "pair", "HV02", "HV03"),
                List.of("delegate", "pair", "HV02", "HV04"), List.of("delegate", "pair", "HV03", "HV04")), commands);
    }

    @Test
    void allIsEveryValueAsOneArgumentEach() {
        Map<String, String> values = RecipeParameters.bind(MESH, List.of("nodes=HV01,HV02,HV03"));
        assertEquals(List.of(List.of("check", "cluster", "HV01", "HV02", "HV03")),
                RecipeParameters.expand(List.of("check", "cluster", "${all:nodes}"), values));
        assertEquals(List.of(List.of("check", "clusters", "HV01,HV02,HV03")),
                RecipeParameters.expand(List.of("check", "clusters", "${nodes}"), values));
    }

    @Test
    void eachValueIsCheckedOnItsOwn() {
        for (String bad : List.of("nodes=HV01,--to DC1", "nodes=HV01,-x", "nodes=x\" \"y,HV02", "nodes=HV01,,HV02",
                "nodes=", "nodes=HV01,hv01")) {
            KerbshellException e = assertThrows(KerbshellException.class, () -> RecipeParameters.bind(MESH,
                    List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("--param " + bad + " is refused"), e.getMessage());
        }
    }
}
