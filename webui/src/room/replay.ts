/// Rebuilds the code as it was after any stored update: the relay's Yjs updates applied in order
/// to a fresh document. Snapshots every `SNAPSHOT_EVERY` updates keep a jump to any step short,
/// and stepping forward applies one update to the document already built.

import * as Y from 'yjs';
import { toLanguage } from '../editor/languages';
import type { Language } from './events-client';

export const SNAPSHOT_EVERY = 50;

export interface ReplayState {
  code: string;
  language: Language;
}

function decode(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export class Replay {
  private readonly updates: Uint8Array[];
  /// snapshots[k]: the document's state after the first k * SNAPSHOT_EVERY updates.
  private readonly snapshots: Uint8Array[] = [];
  private doc = new Y.Doc();
  /// How many updates `doc` holds.
  private applied = 0;

  constructor(updates: readonly string[]) {
    this.updates = updates.map(decode);
    const doc = new Y.Doc();
    this.snapshots.push(Y.encodeStateAsUpdate(doc));
    this.updates.forEach((update, i) => {
      Y.applyUpdate(doc, update);
      if ((i + 1) % SNAPSHOT_EVERY === 0) this.snapshots.push(Y.encodeStateAsUpdate(doc));
    });
    doc.destroy();
  }

  get length(): number {
    return this.updates.length;
  }

  /// The code after the first `count` updates (0: before any).
  at(count: number): ReplayState {
    const target = Math.max(0, Math.min(count, this.updates.length));
    const base = Math.floor(target / SNAPSHOT_EVERY) * SNAPSHOT_EVERY;
    // Going back, or further forward than the next snapshot: start over from the nearest one.
    if (target < this.applied || base > this.applied) {
      this.doc.destroy();
      this.doc = new Y.Doc();
      Y.applyUpdate(this.doc, this.snapshots[base / SNAPSHOT_EVERY]);
      this.applied = base;
    }
    while (this.applied < target) Y.applyUpdate(this.doc, this.updates[this.applied++]);
    return { code: this.doc.getText('code').toString(), language: toLanguage(this.doc.getMap('meta').get('language')) };
  }

  dispose(): void {
    this.doc.destroy();
  }
}
