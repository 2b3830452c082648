package kerbshell.cli;

import jakarta.validation.BootstrapConfiguration;
import jakarta.validation.ClockProvider;
import jakarta.validation.Configuration;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.ParameterNameProvider;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorContext;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ConstructorDescriptor;
import jakarta.validation.metadata.MethodDescriptor;
import jakarta.validation.metadata.MethodType;
import jakarta.validation.metadata.PropertyDescriptor;
import jakarta.validation.spi.BootstrapState;
import jakarta.validation.spi.ConfigurationState;
import jakarta.validation.spi.ValidationProvider;
import jakarta.validation.valueextraction.ValueExtractor;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * The Bean Validation provider kerbshell ships instead of Hibernate Validator: it finds no violations, which is
 * what any provider finds in kerbshell, whose commands declare no constraints (CommandConstraintsTest fails when one
 * does; options are checked by CommandSyntax and the services). Spring Shell builds a default validator factory in
 * a static initialiser the moment its Utils class is touched, whether or not a command declares a constraint, so
 * the provider cannot simply be left out; Hibernate Validator's bootstrap (some 440 classes, expression language
 * included) was a tenth of a second of every launch. Found through
 * META-INF/services/jakarta.validation.spi.ValidationProvider; pom.xml leaves Hibernate Validator out.
 * Stateless and thread-safe.
 */
public final class NoConstraintsValidation implements ValidationProvider<NoConstraintsValidation.Settings> {

    @Override
    public Settings createSpecializedConfiguration(BootstrapState state) {
        return new Settings();
    }

    @Override
    public Configuration<?> createGenericConfiguration(BootstrapState state) {
        return new Settings();
    }

    @Override
    public ValidatorFactory buildValidatorFactory(ConfigurationState state) {
        return Factory.INSTANCE;
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + ": kerbshell declares no Bean Validation constraints and "
                + "ships no full provider (NoConstraintsValidation)");
    }

    /** Accepts and ignores every setting: there is nothing to interpolate, traverse or extract. */
    public static final class Settings implements Configuration<Settings> {
        @Override public Settings ignoreXmlConfiguration() { return this; }
        @Override public Settings messageInterpolator(MessageInterpolator interpolator) { return this; }
        @Override public Settings traversableResolver(TraversableResolver resolver) { return this; }
        @Override public Settings constraintValidatorFactory(ConstraintValidatorFactory factory) { return this; }
        @Override public Settings parameterNameProvider(ParameterNameProvider provider) { return this; }
        @Override public Settings clockProvider(ClockProvider provider) { return this; }
        @Override public Settings addValueExtractor(ValueExtractor<?> extractor) { return this; }
        @Override public Settings addMapping(InputStream mapping) { return this; }
        @Override public Settings addProperty(String name, String value) { return this; }
        @Override public MessageInterpolator getDefaultMessageInterpolator() { throw unsupported("message interpolation"); }
        @Override public TraversableResolver getDefaultTraversableResolver() { throw unsupported("traversable resolver"); }
        @Override public ConstraintValidatorFactory getDefaultConstraintValidatorFactory() { throw unsupported("constraint validators"); }
        @Override public ParameterNameProvider getDefaultParameterNameProvider() { throw unsupported("parameter names"); }
        @Override public ClockProvider getDefaultClockProvider() { throw unsupported("clock provider"); }
        @Override public BootstrapConfiguration getBootstrapConfiguration() { throw unsupported("validation.xml"); }
        @Override public ValidatorFactory buildValidatorFactory() { return Factory.INSTANCE; }
    }

    private static final class Factory implements ValidatorFactory {
        static final Factory INSTANCE = new Factory();

        @Override public Validator getValidator() { return NoViolations.INSTANCE; }
        @Override public ValidatorContext usingContext() { throw unsupported("validator context"); }
        @Override public MessageInterpolator getMessageInterpolator() { throw unsupported("message interpolation"); }
        @Override public TraversableResolver getTraversableResolver() { throw unsupported("traversable resolver"); }
        @Override public ConstraintValidatorFactory getConstraintValidatorFactory() { throw unsupported("constraint validators"); }
        @Override public ParameterNameProvider getParameterNameProvider() { throw unsupported("parameter names"); }
        @Override public ClockProvider getClockProvider() { throw unsupported("clock provider"); }
        @Override public <T> T unwrap(Class<T> type) { throw unsupported("unwrap to " + type.getName()); }
        @Override public void close() { }
    }

    /** A class's constraints, none; asked for by Spring's AOT processing at build time. */
    private record Unconstrained(Class<?> type) implements BeanDescriptor {
        @Override public boolean isBeanConstrained() { return false; }
        @Override public PropertyDescriptor getConstraintsForProperty(String property) { return null; }
        @Override public Set<PropertyDescriptor> getConstrainedProperties() { return Set.of(); }
        @Override public MethodDescriptor getConstraintsForMethod(String method, Class<?>... parameters) { return null; }
        @Override public Set<MethodDescriptor> getConstrainedMethods(MethodType type, MethodType... more) { return Set.of(); }
        @Override public ConstructorDescriptor getConstraintsForConstructor(Class<?>... parameters) { return null; }
        @Override public Set<ConstructorDescriptor> getConstrainedConstructors() { return Set.of(); }
        @Override public boolean hasConstraints() { return false; }
        @Override public Class<?> getElementClass() { return type; }
        @Override public Set<ConstraintDescriptor<?>> getConstraintDescriptors() { return Set.of(); }
        @Override public ConstraintFinder findConstraints() { throw unsupported("constraint finder"); }
    }

    /** What Spring Shell asks for: the violations of a command's arguments (none) and of beans (none). */
    private static final class NoViolations implements Validator, ExecutableValidator {
        static final NoViolations INSTANCE = new NoViolations();

        @Override public <T> Set<ConstraintViolation<T>> validate(T object, Class<?>... groups) { return Set.of(); }
        @Override public <T> Set<ConstraintViolation<T>> validateProperty(T object, String property, Class<?>... groups) { return Set.of(); }
        @Override public <T> Set<ConstraintViolation<T>> validateValue(Class<T> type, String property, Object value, Class<?>... groups) { return Set.of(); }
        @Override public BeanDescriptor getConstraintsForClass(Class<?> type) { return new Unconstrained(type); }
        @Override public <T> T unwrap(Class<T> type) { throw unsupported("unwrap to " + type.getName()); }
        @Override public ExecutableValidator forExecutables() { return this; }
        @Override public <T> Set<ConstraintViolation<T>> validateParameters(T object, Method method, Object[] values, Class<?>... groups) { return Set.of(); }
        @Override public <T> Set<ConstraintViolation<T>> validateReturnValue(T object, Method method, Object value, Class<?>... groups) { return Set.of(); }
        @Override public <T> Set<ConstraintViolation<T>> validateConstructorParameters(Constructor<? extends T> constructor, Object[] values, Class<?>... groups) { return Set.of(); }
        @Override public <T> Set<ConstraintViolation<T>> validateConstructorReturnValue(Constructor<? extends T> constructor, T value, Class<?>... groups) { return Set.of(); }
    }
}
