package dev.hindsight.dap.protocol;

/** Arguments of the custom {@code stopState} request (a gson bean, like LSP4J's argument types). */
public final class StopStateArguments {
    private Integer levels;

    /** How many frames of the stack to return; all (up to the server's limit) when absent. */
    public Integer getLevels() {
        return levels;
    }

    public void setLevels(Integer levels) {
        this.levels = levels;
    }
}
