/**
 * What {@code variablesReference}s stand for and how their variables look on the wire: value
 * scopes and children (over the engine's values API), the Registers scope with eflags flags and
 * vector registers, and expression evaluation with {@code $register} shortcuts.
 */
package dev.hindsight.dap.variables;
