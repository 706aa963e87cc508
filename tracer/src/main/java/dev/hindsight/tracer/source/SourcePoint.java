package dev.hindsight.tracer.source;

/**
 * What the source view knows about one runtime pc.
 *
 * @param line          file, line and column
 * @param statementStart whether the pc is where a statement row of the line table begins (a place
 *                      a line step may stop)
 * @param function      the containing function's name ({@code geo::Rect::area}), or null
 * @param functionLow   the function's first runtime address (0 when unknown)
 */
public record SourcePoint(SourceLine line, boolean statementStart, String function, long functionLow) {}
