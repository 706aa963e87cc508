package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.stack.Frame;
import java.util.List;

/**
 * What the user has selected and seen in this session: the thread and frame, gdb's value history
 * numbers, the registers last listed (for {@code -data-list-changed-registers}), and where
 * {@code list} and {@code x} go on.
 */
final class Selection {
    private final MiSession session;
    private int selectedFrame;
    private int valueHistory;
    private Target snapshotTarget;
    private String[] registerSnapshot;
    private MiSession.Listing listing;
    private MiSession.Examined examined;

    Selection(MiSession session) {
        this.session = session;
    }

    /** Selects a thread by gdb's number. */
    void selectThread(int number) {
        Target t = session.stoppedTarget();
        int tid = session.threadNumbers().tid(number).orElseThrow(() -> new MiException("Thread ID " + number + " not known."));
        t.selectThread(tid);
        selectedFrame = 0;
    }

    int selectedFrameLevel() {
        return selectedFrame;
    }

    void selectFrame(int level) {
        Target t = session.stoppedTarget();
        List<Frame> frames = t.frames().backtrace(t.currentThread(), level + 1);
        if (level < 0 || level >= frames.size()) throw new MiException("No frame at level " + level + ".");
        selectedFrame = level;
    }

    /** Back to frame 0 (a stop, a thread or program adopted). */
    void resetFrame() {
        selectedFrame = 0;
    }

    /** The selected frame of the selected thread. */
    Frame frame() {
        Target t = session.stoppedTarget();
        List<Frame> frames = t.frames().backtrace(t.currentThread(), selectedFrame + 1);
        if (frames.isEmpty()) throw new MiException("No stack.");
        return frames.get(Math.min(selectedFrame, frames.size() - 1));
    }

    /** The next {@code $N} of gdb's value history. */
    int nextValueNumber() {
        return ++valueHistory;
    }

    /**
     * Swaps in the register values just read for {@code -data-list-changed-registers}; returns the
     * previous ones, or null when there are none for this program (then every register counts as changed).
     */
    String[] registerSnapshot(Target t, String[] now) {
        String[] before = snapshotTarget == t ? registerSnapshot : null;
        snapshotTarget = t;
        registerSnapshot = now;
        return before;
    }

    MiSession.Listing listing() {
        return listing;
    }

    void setListing(MiSession.Listing l) {
        listing = l;
    }

    MiSession.Examined examined() {
        return examined;
    }

    void setExamined(MiSession.Examined e) {
        examined = e;
    }
}
