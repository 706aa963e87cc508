package dev.hindsight.dap.transport;

/**
 * What one stdio or TCP session accepts and forwards.
 *
 * @param maxMessageBytes the largest message body read from the client; a larger one is skipped
 *                        unread and its request answered with an error
 * @param outputLimitBytes how much of the program's stdout/stderr reaches the client per session;
 *                        0 for no limit
 */
public record StreamLimits(int maxMessageBytes, long outputLimitBytes) {
    /** 1 MiB each, as the web UI. */
    public static final int DEFAULT = 1 << 20;

    public StreamLimits {
        if (maxMessageBytes < 1 || maxMessageBytes > 1 << 30) {
            throw new IllegalArgumentException("the message limit must be 1 byte to 1 GiB");
        }
        if (outputLimitBytes < 0) throw new IllegalArgumentException("the output limit cannot be negative");
    }

    public static StreamLimits defaults() {
        return new StreamLimits(DEFAULT, DEFAULT);
    }
}
