;;; hindsight-dap-mode.el --- Hindsight as a debugger for Emacs's dap-mode  -*- lexical-binding: t -*-
;; Load it after dap-mode (M-x load-file, or (load "/path/to/hindsight/misc/editors/hindsight-dap-mode.el")),
;; then M-x dap-debug and pick "Hindsight :: Launch" (or call dap-debug with a launch plist of
;; :type "hindsight"). The keys besides :type and :dap-server-path are Hindsight's launch record.
(require 'dap-mode)
;; dap-mode 0.7 reads dap-ui's exception settings when the adapter offers exceptionBreakpointFilters
;; (Hindsight's signals): without dap-ui loaded that is a void-variable error and no breakpoint is set.
(require 'dap-ui)

(defvar hindsight-dap-command '("hindsight" "dap")
  "The adapter's command line: `hindsight dap' speaks DAP on stdin/stdout.")

(defun hindsight-dap--populate (conf)
  "Starts `hindsight-dap-command' for CONF, in the program's directory unless CONF names a :cwd."
  (dap--put-if-absent conf :dap-server-path hindsight-dap-command)
  (dap--put-if-absent conf :cwd (file-name-directory (expand-file-name (plist-get conf :program))))
  conf)

(dap-register-debug-provider "hindsight" #'hindsight-dap--populate)

(dap-register-debug-template "Hindsight :: Launch"
                             (list :type "hindsight"
                                   :request "launch"
                                   :name "Hindsight"
                                   :program "${fileDirname}/${fileBasenameNoExtension}"
                                   :args []
                                   :stopOnEntry :json-false))

(provide 'hindsight-dap-mode)
