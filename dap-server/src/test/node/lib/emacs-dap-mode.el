;;; emacs-dap-mode.el --- Emacs's dap-mode (Debian's elpa-dap-mode, unmodified) in batch mode  -*- lexical-binding: t -*-
;;
;; Run as: emacs -Q --batch -l emacs-dap-mode.el, with the session in the environment:
;;   DAP_CONFIG   the configuration the README gives (misc/editors/hindsight-dap-mode.el)
;;   DAP_COMMAND  the adapter's command line as a JSON array (the test runs the built jars)
;;   DAP_SOURCE   the source file, the program built beside it without the extension (what the
;;                template's ${fileDirname}/${fileBasenameNoExtension} names);  DAP_LINE  the breakpoint's line
;;   DAP_LOCALS   the locals to read at each stop, separated by spaces
;; What a user does: open the source, M-x dap-breakpoint-add on the line, M-x dap-debug with the
;; "Hindsight :: Launch" template from the source buffer, wait for the stop, M-x dap-next, then
;; M-x dap-disconnect. At each stop, once dap-mode has selected the top frame, it prints the frame
;; dap-mode holds, the file and line its window shows, the breakpoints as the adapter answered, and the locals (scopes and variables asked through dap-mode's own dap-request)
;; between `=== TITLE' lines for the test to assert on. Exit code 0 on success, 2 on a timeout.

(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa") ; Debian's elpa-* packages
(package-initialize)
(require 'dap-mode)
(require 'json)

(defconst dm-deadline-seconds 120 "Against hangs only; the machine may be loaded.")

(defun dm-env (name)
  (or (getenv name) (error "%s is not set" name)))

(load (dm-env "DAP_CONFIG") nil t)
(setq hindsight-dap-command (append (json-read-from-string (dm-env "DAP_COMMAND")) nil))
;; dap-mode keeps breakpoints across Emacs sessions in this file: not in the user's home here.
(setq dap-breakpoints-file (make-temp-file "hindsight-dap-breakpoints"))
(add-hook 'kill-emacs-hook (lambda () (delete-file dap-breakpoints-file)) t)

(defvar dm-frames 0 "How many times dap-mode selected a stack frame (after each stop).")
(add-hook 'dap-stack-frame-changed-hook (lambda (_session) (setq dm-frames (1+ dm-frames))))
(defvar dm-terminated nil)
(add-hook 'dap-terminated-hook (lambda (_session) (setq dm-terminated t)))

(defun dm-wait (what predicate)
  "Lets Emacs read the adapter's output until PREDICATE holds; on the deadline, say so and exit 2."
  (let ((deadline (+ (float-time) dm-deadline-seconds)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (princ (format "=== timeout waiting for %s\n" what))
        (let ((s (dap--cur-session)))
          (when s
            (princ (format "state: %S\n" (dap--debug-session-state s)))
            (let ((stderr (get-buffer (format "*%s stderr*" (dap--debug-session-name s)))))
              (when stderr (princ (with-current-buffer stderr (buffer-string)))))))
        (kill-emacs 2))
      (accept-process-output nil 0.05))))

(defun dm-locals (session frame-id)
  "The DAP_LOCALS as NAME=VALUE lines, from the frame's Locals scope."
  (let* ((scopes (gethash "scopes" (dap-request session "scopes" :frameId frame-id)))
         (locals (seq-find (lambda (s) (equal (gethash "name" s) "Locals")) scopes))
         (vars (gethash "variables" (dap-request session "variables"
                                                 :variablesReference (gethash "variablesReference" locals)))))
    (dolist (name (split-string (dm-env "DAP_LOCALS")))
      (let ((v (seq-find (lambda (v) (equal (gethash "name" v) name)) vars)))
        (princ (format "local %s=%s\n" name (if v (gethash "value" v) "<missing>")))))))

(defun dm-stop (n title)
  "Waits for dap-mode's Nth frame selection and prints what it holds."
  (dm-wait title (lambda () (>= dm-frames n)))
  (let* ((session (dap--cur-session))
         (frame (dap--debug-session-active-frame session)))
    (princ (format "=== %s\n" title))
    (princ (format "frame %s:%s %s\n" (dap--get-path-for-frame frame) (gethash "line" frame) (gethash "name" frame)))
    ;; where dap-mode put the user: the window it selected shows the file, point on the line
    (with-selected-window (selected-window)
      (princ (format "window %s:%s\n" (buffer-file-name (window-buffer)) (line-number-at-pos (window-point)))))
    (dolist (b (gethash (dm-env "DAP_SOURCE") (dap--debug-session-breakpoints session)))
      (princ (format "breakpoint %s verified %s\n" (gethash "line" b) (gethash "verified" b))))
    (dm-locals session (gethash "id" frame))))

(let* ((source (dm-env "DAP_SOURCE"))
       (line (string-to-number (dm-env "DAP_LINE")))
       (template (copy-tree (cdr (assoc "Hindsight :: Launch" dap-debug-template-configurations)))))
  (with-current-buffer (find-file source)
    (goto-char (point-min))
    (forward-line (1- line))
    (dap-breakpoint-add)
    (dap-debug template))
  (dm-stop 1 "breakpoint")
  (dap-next (dap--cur-session))
  (dm-stop 2 "next")
  (let ((session (dap--cur-session)))
    (dap-disconnect session)
    (dm-wait "the session to end" (lambda () (and dm-terminated (not (process-live-p (dap--debug-session-proc session))))))
    (princ (format "=== disconnected\nstate %s\n" (dap--debug-session-state session))))
  (kill-emacs 0))
