/// The collaborative editor: CodeMirror 6 bound to `Y.Text "code"` with y-codemirror.next
/// (remote cursors with names, undo of your own edits only), plus the usual editing aids.

import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import {
  crosshairCursor,
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  type KeyBinding,
  lineNumbers,
  rectangularSelection,
} from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Language } from '../room/events-client';
import { languageSupport } from './languages';

export interface EditorOptions {
  text: Y.Text;
  awareness: Awareness;
  language: Language;
  /// Ctrl/Cmd-Enter.
  onRun(): void;
}

export interface Editor {
  view: EditorView;
  setLanguage(language: Language): void;
  /// Read-only while the interviewer has locked the editor or ended the interview.
  setReadOnly(readOnly: boolean): void;
  focus(): void;
}

function languageExtension(language: Language): Extension {
  return [languageSupport(language), EditorView.editorAttributes.of({ 'data-language': language })];
}

// y-codemirror's undo edits the shared text directly, past CodeMirror's read-only flag; a locked
// editor must not produce edits the relay would refuse, so undo and redo stop there too.
const undoKeys: KeyBinding[] = yUndoManagerKeymap.map((binding) => ({
  ...binding,
  run: (view: EditorView) => (view.state.readOnly ? true : (binding.run?.(view) ?? false)),
}));

function blockHistoryWhenReadOnly(event: InputEvent, view: EditorView): boolean {
  if (!view.state.readOnly || (event.inputType !== 'historyUndo' && event.inputType !== 'historyRedo')) return false;
  event.preventDefault();
  return true;
}

function editability(readOnly: boolean): Extension {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly), EditorView.editorAttributes.of({ 'data-readonly': String(readOnly) })];
}

export function createEditor(parent: HTMLElement, options: EditorOptions): Editor {
  const languageSlot = new Compartment();
  const editableSlot = new Compartment();
  // Tracks only this tab's edits, so undo never takes back what someone else typed.
  const undoManager = new Y.UndoManager(options.text);
  const runKey = Prec.highest(
    keymap.of([
      {
        key: 'Mod-Enter',
        run: () => {
          options.onRun();
          return true;
        },
      },
    ]),
  );
  const state = EditorState.create({
    doc: options.text.toString(),
    extensions: [
      runKey,
      lineNumbers(),
      highlightActiveLineGutter(),
      foldGutter(),
      highlightSpecialChars(),
      drawSelection(),
      dropCursor(),
      EditorState.allowMultipleSelections.of(true),
      indentOnInput(),
      indentUnit.of('    '),
      EditorState.tabSize.of(4),
      // Class names (`tok-keyword`, …) rather than inline styles: the themes colour them in CSS.
      syntaxHighlighting(classHighlighter),
      bracketMatching(),
      rectangularSelection(),
      crosshairCursor(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      search({ top: true }),
      keymap.of([...undoKeys, ...searchKeymap, ...foldKeymap, ...defaultKeymap, indentWithTab]),
      Prec.highest(EditorView.domEventHandlers({ beforeinput: (event, view) => blockHistoryWhenReadOnly(event, view) })),
      languageSlot.of(languageExtension(options.language)),
      editableSlot.of(editability(false)),
      yCollab(options.text, options.awareness, { undoManager }),
      EditorView.editorAttributes.of({ 'data-testid': 'editor' }),
      EditorView.contentAttributes.of({ 'aria-label': 'Code editor', spellcheck: 'false', autocapitalize: 'off', autocorrect: 'off' }),
    ],
  });
  const view = new EditorView({ state, parent });
  return {
    view,
    setLanguage: (language) => view.dispatch({ effects: languageSlot.reconfigure(languageExtension(language)) }),
    setReadOnly: (readOnly) => view.dispatch({ effects: editableSlot.reconfigure(editability(readOnly)) }),
    focus: () => view.focus(),
  };
}
