/// The interviewer's private notes: a second shared document (`/ws/{room}/notes`, `Y.Text
/// "notes"`) that the relay opens only to a host's token, so candidates never receive it.

import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, drawSelection, keymap } from '@codemirror/view';
import { defaultKeymap } from '@codemirror/commands';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { el } from '../common/dom';

function editability(readOnly: boolean) {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];
}

export class NotesPanel {
  readonly element: HTMLElement;
  private provider: WebsocketProvider | null = null;
  private view: EditorView | null = null;
  private doc: Y.Doc | null = null;
  private readonly editable = new Compartment();
  private readOnly = false;

  constructor(
    private readonly socketBase: string,
    private readonly roomId: string,
    private readonly onRun: () => void,
  ) {
    const body = el('div', { class: 'notes-body' });
    const summary = el('summary', {}, el('strong', {}, 'Private notes'), el('span', { class: 'muted small' }, ' — only interviewers see these'));
    this.element = el('details', { class: 'notes', 'data-testid': 'notes-panel', open: '', hidden: '' }, summary, body);
  }

  /// Opens (or reopens, with a fresh token after a reconnect) the notes as this host.
  open(token: string): void {
    const body = this.element.querySelector('.notes-body') as HTMLElement;
    if (!this.provider || !this.doc) {
      this.doc = new Y.Doc();
      const text = this.doc.getText('notes');
      this.provider = new WebsocketProvider(this.socketBase, `${this.roomId}/notes`, this.doc, { connect: false, disableBc: true, params: { token } });
      this.view = new EditorView({
        parent: body,
        state: EditorState.create({
          doc: text.toString(),
          extensions: [
            // Ctrl/Cmd-Enter runs the code from here too, as everywhere on the page.
            Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (this.onRun(), true) }])),
            drawSelection(),
            EditorView.lineWrapping,
            keymap.of([...yUndoManagerKeymap, ...defaultKeymap]),
            yCollab(text, null),
            this.editable.of(editability(this.readOnly)),
            EditorView.contentAttributes.of({ 'aria-label': 'Private notes', 'data-testid': 'notes-editor' }),
          ],
        }),
      });
      this.element.hidden = false;
      this.provider.connect();
      return;
    }
    if (this.provider.params.token === token) return;
    this.provider.params = { token };
    this.provider.disconnect();
    this.provider.connect();
  }

  /// The relay keeps the notes writable until the interview ends.
  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    this.view?.dispatch({ effects: this.editable.reconfigure(editability(readOnly)) });
  }

  text(): string {
    return this.view?.state.doc.toString() ?? '';
  }
}
