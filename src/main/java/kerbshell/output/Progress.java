package kerbshell.output;

/** Progress of a long scan, shown to a person at a terminal (on stderr) and to nobody else. */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void update(long done) {
        }

        @Override
        public void done() {
        }
    };

    void update(long done);

    void done();
}
