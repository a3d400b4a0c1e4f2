/// Highlighting for the statement's code blocks with the editor's own Lezer parsers, as spans
/// with `tok-*` classes (text nodes only: nothing here can become markup).

import { javascriptLanguage } from '@codemirror/lang-javascript';
import { pythonLanguage } from '@codemirror/lang-python';
import { SQLite } from '@codemirror/lang-sql';
import { classHighlighter, highlightCode } from '@lezer/highlight';

const PARSERS = {
  python: pythonLanguage.parser,
  py: pythonLanguage.parser,
  javascript: javascriptLanguage.parser,
  js: javascriptLanguage.parser,
  typescript: javascriptLanguage.parser.configure({ dialect: 'ts' }),
  ts: javascriptLanguage.parser.configure({ dialect: 'ts' }),
  sql: SQLite.language.parser,
} as const;

function parserFor(language: string): (typeof PARSERS)[keyof typeof PARSERS] | null {
  return (PARSERS as Record<string, (typeof PARSERS)[keyof typeof PARSERS]>)[language] ?? null;
}

/// Fills every `<pre><code class="language-…">` under `root` with highlighted spans.
export function highlightCodeBlocks(root: ParentNode): void {
  for (const code of root.querySelectorAll<HTMLElement>('pre > code')) {
    const match = /(?:^|\s)language-([\w-]+)/.exec(code.className);
    const parser = match ? parserFor(match[1].toLowerCase()) : null;
    if (!parser) continue;
    const text = code.textContent ?? '';
    const out = document.createDocumentFragment();
    highlightCode(
      text,
      parser.parse(text),
      classHighlighter,
      (piece, classes) => {
        if (!classes) out.append(piece);
        else {
          const span = document.createElement('span');
          span.className = classes;
          span.textContent = piece;
          out.append(span);
        }
      },
      () => out.append('\n'),
    );
    code.replaceChildren(out);
    code.classList.add('highlighted');
  }
}
