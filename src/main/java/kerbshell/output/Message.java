package kerbshell.output;

/** A result that is just a sentence, such as "lab reset to its seeded state". */
public record Message(String message) implements Renderable {
    @Override
    public void renderText(TextOut out) {
        out.line(message);
    }
}
