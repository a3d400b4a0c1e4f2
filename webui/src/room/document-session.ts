/// The shared document as one page shows it: the relay connection, the editor bound to it and
/// the language picker. Rebuilt from scratch when the relay refused an edit of ours, because
/// that edit exists nowhere else and everything typed after it would build on it.

import { createEditor, type Editor } from '../editor/editor';
import { bindLanguagePicker, toLanguage } from '../editor/languages';
import type { Language } from './events-client';
import { connectDoc, type DocConnection } from './doc-connection';
import type { LinkState } from './events-socket';

export interface SessionOptions {
  pane: HTMLElement;
  select: HTMLSelectElement;
  socketBase: string;
  roomId: string;
  onRun(): void;
  onState(state: LinkState): void;
  /// The room's language, now and whenever it changes.
  onLanguage?(language: Language): void;
}

export class DocumentSession {
  readonly conn: DocConnection;
  readonly editor: Editor;
  private readonly unbindPicker: () => void;

  constructor(options: SessionOptions) {
    this.conn = connectDoc(options.socketBase, options.roomId);
    this.editor = createEditor(options.pane, {
      text: this.conn.code,
      awareness: this.conn.awareness,
      language: this.language(),
      onRun: options.onRun,
    });
    this.unbindPicker = bindLanguagePicker(options.select, this.conn.meta, (language) => {
      this.editor.setLanguage(language);
      options.onLanguage?.(language);
    });
    this.conn.onState(options.onState);
    options.onState(this.conn.state());
  }

  language(): Language {
    return toLanguage(this.conn.meta.get('language'));
  }

  code(): string {
    return this.conn.code.toString();
  }

  dispose(): void {
    this.unbindPicker();
    this.editor.view.destroy();
    this.conn.destroy();
  }
}
