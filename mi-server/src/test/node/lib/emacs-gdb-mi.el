;;; emacs-gdb-mi.el --- Emacs's own gdb front end (gdb-mi.el, unmodified) in batch mode  -*- lexical-binding: t -*-
;;
;; Run as: emacs -Q --batch -l emacs-gdb-mi.el, with the session in the environment:
;;   MI_GDB      the debugger executable (bin/hindsight-gdb or gdb), started as `DEBUGGER -i=mi PROGRAM'
;;   MI_PROGRAM  the program;  MI_SOURCE  its source file;  MI_LINE  the breakpoint's line
;;   MI_STEPS    what to do after the breakpoint stop, in order: `next', `step', `finish',
;;               `until:LINE' (gud-until on LINE of the source buffer), `jump:LINE' (gud-jump
;;               there: tbreak + jump), `up', `down' (gud-up, gud-down: a frame selected, no stop)
;;   MI_LOG      when set, a file for gdb-mi's own log of every MI line sent and received
;; What a user does: M-x gdb, C-x C-a C-b (gud-break) on the line in the source buffer, gud-run,
;; then the steps; with the locals, breakpoints, stack, threads and memory (of &p, in decimal
;; words) buffers open, as gdb-many-windows would show them. After each stop, once every command Emacs sent is answered, it prints what
;; those buffers show between `=== NAME' lines, for the test to assert on. Ends with exit code 0
;; on success, 2 on a timeout (what was shown is printed first).

(require 'gdb-mi)

(defconst mi-deadline-seconds 120 "Against hangs only; the machine may be loaded.")

(defun mi-env (name)
  (or (getenv name) (error "%s is not set" name)))

(defvar mi-stops 0 "The *stopped records Emacs has handled.")
(add-hook 'gdb-stopped-functions (lambda (_record) (setq mi-stops (1+ mi-stops))))

(defun mi-buffer-text (type)
  (let ((b (gdb-get-buffer type)))
    (if b (with-current-buffer b (buffer-substring-no-properties (point-min) (point-max))) "<none>")))

(defun mi-show (title)
  (princ (format "=== %s\n" title))
  (princ (format "=== frame\n%s:%s\n" gdb-selected-file gdb-selected-line))
  (dolist (b '((locals . gdb-locals-buffer) (breakpoints . gdb-breakpoints-buffer)
               (stack . gdb-stack-buffer) (threads . gdb-threads-buffer) (memory . gdb-memory-buffer)))
    (princ (format "=== %s\n%s\n" (car b) (mi-buffer-text (cdr b))))))

(defun mi-dump-log ()
  (let ((file (getenv "MI_LOG")))
    (when (and file gdb-debug-log)
      (with-temp-file file
        (dolist (entry (reverse gdb-debug-log))
          (insert (format "%S\n" entry)))))))

(defun mi-wait (what predicate)
  "Lets Emacs read the debugger's output until PREDICATE holds; on the deadline, show and exit 2."
  (let ((deadline (+ (float-time) mi-deadline-seconds)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (mi-show (format "timeout waiting for %s" what))
        (princ (format "pending: %S first-done: %S prompt: %S stops: %d\n"
                       (mapcar #'gdb-handler-token-number gdb-handler-list)
                       gdb-first-done-or-error gdb-prompt-name mi-stops))
        (mi-dump-log)
        (kill-emacs 2))
      (accept-process-output nil 0.05))))

(defun mi-settled ()
  "Every command Emacs sent has been answered."
  (null gdb-handler-list))

(defun mi-at-line (file line command)
  "Runs a gud COMMAND (gud-break, gud-until, gud-jump) with point on LINE of FILE's buffer."
  (with-current-buffer (find-file-noselect file)
    (goto-char (point-min))
    (forward-line (1- line))
    (funcall command nil)))

(defun mi-stop (n title)
  (mi-wait (format "stop %d" n) (lambda () (and (>= mi-stops n) gdb-selected-line (mi-settled))))
  (mi-show title))

(let* ((gdb-program (mi-env "MI_GDB"))
       (program (mi-env "MI_PROGRAM"))
       (source (mi-env "MI_SOURCE"))
       (line (string-to-number (mi-env "MI_LINE")))
       (steps (split-string (mi-env "MI_STEPS")))
       (gdb-many-windows nil))
  (setq-default gdb-memory-address-expression "&p") ; buffer-local in the memory buffer
  (setq gdb-memory-format "d" gdb-memory-unit 4 gdb-memory-rows 1 gdb-memory-columns 2)
  (when (getenv "MI_LOG") (gdb-enable-debug 1) (setq gdb-debug-log-max nil))
  (gdb (format "%s -i=mi %s" gdb-program program))
  (mi-wait "the start-up commands" (lambda () (and (mi-settled) gdb-prompt-name)))
  (dolist (b '(gdb-locals-buffer gdb-breakpoints-buffer gdb-stack-buffer gdb-threads-buffer gdb-memory-buffer))
    (gdb-get-buffer-create b))
  (mi-at-line source line #'gud-break)
  (mi-wait "the breakpoint" (lambda () (and (mi-settled) gdb-breakpoints-list)))
  (with-current-buffer gud-comint-buffer (gud-run nil))
  (mi-stop 1 "breakpoint")
  (let ((n 1))
    (dolist (step steps)
      (if (member step '("up" "down"))
          (let ((before gdb-selected-line))
            (with-current-buffer gud-comint-buffer (funcall (if (equal step "up") #'gud-up #'gud-down) 1))
            (mi-wait step (lambda () (and (not (equal gdb-selected-line before)) (mi-settled))))
            (mi-show step))
        (setq n (1+ n))
        (pcase (split-string step ":")
          (`("next") (with-current-buffer gud-comint-buffer (gud-next nil)))
          (`("step") (with-current-buffer gud-comint-buffer (gud-step nil)))
          (`("finish") (with-current-buffer gud-comint-buffer (gud-finish nil)))
          (`("until" ,l) (mi-at-line source (string-to-number l) #'gud-until))
          (`("jump" ,l) (mi-at-line source (string-to-number l) #'gud-jump))
          (_ (error "unknown step %s" step)))
        (mi-stop n step))))
  (mi-dump-log)
  (with-current-buffer gud-comint-buffer
    (let ((proc (get-buffer-process gud-comint-buffer)))
      (set-process-query-on-exit-flag proc nil)
      (delete-process proc)))
  (kill-emacs 0))
