package dev.hindsight.tracer.breakpoints;

/**
 * What access a data breakpoint stops on. x86's debug registers cannot watch reads alone: a live
 * process watches READ as READ_WRITE; a recording's index knows each instruction's reads and
 * writes, so there READ stops at reads only.
 */
public enum WatchKind { WRITE, READ, READ_WRITE }
