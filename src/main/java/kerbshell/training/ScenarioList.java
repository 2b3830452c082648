package kerbshell.training;

import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/** The scenarios in the suggested order, each with the trainee's progress. */
public record ScenarioList(List<Row> scenarios) implements Renderable {

    /**
     * @param status      "solved", "under way", "tried" or "new"
     * @param bestSeconds the fastest solve, null when never solved
     * @param fewestHints the fewest hints in a solved attempt, null when never solved
     */
    public record Row(String name, String title, int level, String description, String source, String status,
                      int attempts, Long bestSeconds, Integer fewestHints) {

        static Row of(ScenarioCatalog.Entry entry, Progress.ScenarioRecord record, boolean underWay) {
            Scenario s = entry.scenario();
            String status = record.solved() ? "solved" : underWay ? "under way" : record.attempts() > 0 ? "tried"
                    : "new";
            return new Row(s.name(), s.title(), s.levelOrDefault(), s.description(), entry.source(), status,
                    record.attempts(), record.bestSeconds(), record.fewestHints());
        }
    }

    @Override
    public void renderText(TextOut out) {
        TextOut.Table table = out.table("SCENARIO", "LEVEL", "PROGRESS", "HINTS", "TIME", "TITLE");
        for (Row row : scenarios) {
            table.row(row.name(), row.level(), row.status() + (row.attempts() > 1 ? " (" + row.attempts()
                            + " attempts)" : ""), row.fewestHints() == null ? "-" : row.fewestHints(),
                    row.bestSeconds() == null ? "-" : Durations.of(row.bestSeconds()),
                    row.title() + (row.source().equals("shipped") ? "" : " [" + row.source() + "]"));
        }
        table.print();
        long solved = scenarios.stream().filter(r -> r.status().equals("solved")).count();
        out.blank().line(solved + " of " + scenarios.size() + " solved. 'lab scenario start NAME' starts one; new "
                + "here? 'tutorial start' (or 'lab scenario start intro') walks you through the first hour.");
    }
}
