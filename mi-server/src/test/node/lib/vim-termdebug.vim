" vim-termdebug.vim: Vim's termdebug plugin (as Debian's vim ships it, unmodified) in prompt mode,
" run headless: vim -N -u NONE -i NONE -Es -S vim-termdebug.vim < /dev/null, with the session
" in the environment:
"   MI_GDB      the debugger (g:termdebugger): bin/hindsight-gdb or gdb
"   MI_PROGRAM  the program;  MI_SOURCE  its source file;  MI_LINE  the breakpoint's line
"   MI_STEPS    what to do after the breakpoint stop, in order: over (:Over), step (:Step),
"               finish (:Finish), until:LINE (:Until with the cursor on LINE of the source)
"   MI_EVALUATE an expression for :Evaluate at the end
"   MI_OUT      the file the transcript is written to
" What a user does: edit the source, :Termdebug PROGRAM, :Break on the line, :Run, the steps,
" and :Evaluate. After each stop it records what Vim shows: the line of the debugPC sign (the
" current line), the breakpoint signs, the :Evaluate message; at the end the gdb window's text.
" Exits 0, or 2 on a timeout (after writing what was shown).
set nocompatible
let g:termdebug_use_prompt = 1
let g:termdebugger = $MI_GDB
packadd termdebug

let s:out = []
" Against hangs only; the machine may be loaded.
let s:deadline = 120.0

func s:Signs(name)
  let found = []
  for b in sign_getplaced('', #{group: 'TermDebug'})
    for s in b.signs
      if s.name =~ a:name
        call add(found, fnamemodify(bufname(b.bufnr), ':p') . ':' . s.lnum)
      endif
    endfor
  endfor
  return found
endfunc

func s:Show(title)
  call add(s:out, '=== ' . a:title)
  call add(s:out, '=== pc')
  call extend(s:out, s:Signs('^debugPC$'))
  call add(s:out, '=== breakpoints')
  call extend(s:out, s:Signs('^debugBreakpoint'))
endfunc

func s:Finish(code)
  call add(s:out, '=== messages')
  call extend(s:out, split(execute('messages'), "\n"))
  call add(s:out, '=== gdb window')
  let gdbbuf = bufnr('gdb')
  if gdbbuf > 0
    call extend(s:out, getbufline(gdbbuf, 1, '$'))
  endif
  call writefile(s:out, $MI_OUT)
  if a:code == 0
    qall!
  endif
  cquit 2
endfunc

" Lets Vim handle the debugger's output until cond (an expression) holds.
func s:Wait(what, cond)
  let start = reltime()
  while !eval(a:cond)
    if reltimefloat(reltime(start)) > s:deadline
      call s:Show('timeout waiting for ' . a:what)
      call s:Finish(2)
    endif
    sleep 20m
  endwhile
endfunc

func s:Pc()
  let pc = s:Signs('^debugPC$')
  return empty(pc) ? '' : pc[0]
endfunc

exe 'edit ' . fnameescape($MI_SOURCE)
let s:source = bufnr('')
exe 'Termdebug ' . fnameescape($MI_PROGRAM)
stopinsert
call win_gotoid(bufwinid(s:source))
exe $MI_LINE
Break
call s:Wait('the breakpoint sign', '!empty(s:Signs("^debugBreakpoint"))')
Run
call s:Wait('the breakpoint stop', 's:Pc() != ""')
call s:Show('breakpoint')
for s:step in split($MI_STEPS)
  let s:before = s:Pc()
  if s:step == 'over'
    Over
  elseif s:step == 'step'
    Step
  elseif s:step == 'finish'
    Finish
  elseif s:step =~ '^until:'
    call win_gotoid(bufwinid(s:source))
    exe s:step[6:]
    Until
  else
    throw 'unknown step ' . s:step
  endif
  " every step here ends on another line than it started from
  call s:Wait(s:step, 's:Pc() != "" && s:Pc() != s:before')
  call s:Show(s:step)
endfor
if $MI_EVALUATE != ''
  exe 'Evaluate ' . $MI_EVALUATE
  call s:Wait(':Evaluate', 'execute("messages") =~ ''"' . $MI_EVALUATE . '": ''')
endif
call s:Finish(0)
