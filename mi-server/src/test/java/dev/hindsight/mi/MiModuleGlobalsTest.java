package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A stopped program's globals that live in modules other than the selected frame's, in lockstep
 * with gdb 13 (which searches every objfile): two shared libraries that both define
 * {@code same_name} (gdb's choice: the first loaded, where the program binds it, also from inside
 * the second), each one's own globals, a {@code dlopen}ed plugin's, and libc's {@code environ} and
 * {@code stdout}, by {@code -data-evaluate-expression}, {@code print}, assignment and variable objects.
 */
class MiModuleGlobalsTest {
    @Test
    void globalsOfOtherModulesAreFoundAsGdbFindsThem() throws Exception {
        Path a = Fixtures.compile("module_globals_a.c", "-shared", "-fPIC");
        Path b = Fixtures.compile("module_globals_b.c", "-shared", "-fPIC");
        Path plugin = Fixtures.compile("module_globals_plugin.c", "-shared", "-fPIC");
        Path program = Fixtures.compile("module_globals.c", a.toString(), b.toString());
        new Lockstep()
                .cmd("-gdb-set mi-async on")
                .cmd("-break-insert module_globals.c:" + Fixtures.line("module_globals.c", "opened"))
                .exec("-exec-run")
                .cmd("-data-evaluate-expression same_name", r -> r.get("value"))
                .cmd("-data-evaluate-expression &same_name", r -> r.get("value"))
                .cmd("-data-evaluate-expression only_in_a", r -> r.get("value"))
                .cmd("-data-evaluate-expression only_in_b", r -> r.get("value"))
                .cmd("-data-evaluate-expression a_pair", r -> r.get("value"))
                .cmd("-data-evaluate-expression a_pair.y+only_in_a+argc", r -> r.get("value"))
                .cmd("-data-evaluate-expression plugin_global", r -> r.get("value"))
                .cmd("-data-evaluate-expression plugin_name", r -> r.get("value"))
                // gdb's =memory-changed for a library's global counts among the records (its address moves with the load)
                .cmd("-data-evaluate-expression \"only_in_a = 9\"", r -> r.get("value"))
                .console("print only_in_a")
                .console("print environ")
                .console("print environ[0]")
                .console("print stdout")
                .console("print &only_in_b")
                .console("print/x plugin_global")
                .console("print nosuch")
                .cmd("-var-create - * a_pair", Lockstep.fields("name", "numchild", "value", "type"))
                .cmd("-var-list-children --all-values var1", r -> r.get("children"))
                .cmd("-var-create - * same_name", Lockstep.fields("name", "numchild", "value", "type"))
                .cmd("-var-assign var1.y -2", r -> r.get("value"))
                .cmd("-break-insert module_globals_b.c:" + Fixtures.line("module_globals_b.c", "in b"))
                .exec("-exec-continue")
                .cmd("-data-evaluate-expression same_name", r -> r.get("value"))
                .cmd("-data-evaluate-expression &same_name", r -> r.get("value"))
                .cmd("-data-evaluate-expression only_in_a", r -> r.get("value"))
                .cmd("-data-evaluate-expression only_in_b", r -> r.get("value"))
                .cmd("-data-evaluate-expression a_pair", r -> r.get("value"))
                .console("print plugin_name")
                .console("print seen")
                .exec("-exec-finish")
                .run(program, plugin.toString());
    }
}
