package kerbshell.cli;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kerbshell ships {@link NoConstraintsValidation} instead of a full Bean Validation provider, which is only right
 * while no class declares a constraint: a {@code @Min} on an option would be silently ignored. This walks every
 * kerbshell class and fails on the first Bean Validation annotation, so whoever adds one also brings back a real
 * provider (pom.xml) and removes this test.
 */
class CommandConstraintsTest {

    @Test
    void theDefaultValidatorFactoryIsKerbshellsAndFindsNoViolations() throws Exception {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            assertInstanceOf(NoConstraintsValidation.class.getClassLoader().loadClass(
                    NoConstraintsValidation.class.getName() + "$Factory"), factory);
            Method spnList = SpnCommands.class.getDeclaredMethods()[0];
            assertEquals(0, factory.getValidator().forExecutables().validateParameters(new Object(), spnList,
                    new Object[spnList.getParameterCount()]).size());
        }
    }

    @Test
    void noKerbshellClassDeclaresABeanValidationConstraint() throws Exception {
        Path classes = Path.of(NoConstraintsValidation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> found = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(classes.resolve("kerbshell"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                checked++;
                check(type, type.getName(), found);
                for (var field : type.getDeclaredFields()) {
                    check(field, type.getName() + "." + field.getName(), found);
                }
                for (var method : type.getDeclaredMethods()) {
                    check(method, type.getName() + "." + method.getName(), found);
                    for (Parameter parameter : method.getParameters()) {
                        check(parameter, type.getName() + "." + method.getName() + "(" + parameter.getName() + ")", found);
                    }
                }
                for (var constructor : type.getDeclaredConstructors()) {
                    for (Parameter parameter : constructor.getParameters()) {
                        check(parameter, type.getName() + "(" + parameter.getName() + ")", found);
                    }
                }
            }
        }
        assertTrue(checked > 100, "only " + checked + " classes under " + classes);
        assertEquals(List.of(), found, "Bean Validation annotations, which NoConstraintsValidation would ignore");
    }

    private static void check(AnnotatedElement element, String where, List<String> found) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().startsWith("jakarta.validation.")) {
                found.add(where + ": @" + annotation.annotationType().getSimpleName());
            }
        }
    }
}
