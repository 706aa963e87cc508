package dev.hindsight.dap.protocol;

/** Arguments of the custom {@code writeStdin} request (a gson bean, like LSP4J's argument types). */
public final class WriteStdinArguments {
    private String text;
    private Boolean eof;

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public Boolean getEof() {
        return eof;
    }

    public void setEof(Boolean eof) {
        this.eof = eof;
    }
}
