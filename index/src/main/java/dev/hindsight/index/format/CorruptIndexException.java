package dev.hindsight.index.format;

import dev.hindsight.index.IndexException;

/** The index's bytes are not what the writer wrote (a checksum or a structure does not hold). */
public final class CorruptIndexException extends IndexException {
    public CorruptIndexException(String message) {
        super("the index is corrupt: " + message + "; rebuild it with `hindsight build`");
    }
}
