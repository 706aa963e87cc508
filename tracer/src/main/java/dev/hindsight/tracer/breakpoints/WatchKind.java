package dev.hindsight.tracer.breakpoints;

/** What access a hardware watchpoint (data breakpoint) stops on. x86 cannot watch reads alone. */
public enum WatchKind { WRITE, READ_WRITE }
