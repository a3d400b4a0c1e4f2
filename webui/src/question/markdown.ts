/// The statement's Markdown as inert DOM: marked parses it with raw HTML turned into text, then
/// DOMPurify keeps only the tags and attributes of plain documents. Links open in a new tab
/// without an opener; images load only from `data:` URLs (no request leaves the page).

import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { highlightCodeBlocks } from './highlight';

const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'ul', 'ol', 'li',
  'strong', 'em', 'del', 'code', 'pre', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'class', 'start', 'align'];
const SAFE_LINK = /^(?:https?:|mailto:)/i;
const SAFE_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=\s]*$/i;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Raw HTML in the Markdown is shown as the text it is, never parsed as markup.
const marked = new Marked({ gfm: true, async: false, renderer: { html: ({ text }) => escapeHtml(text) } });

const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node instanceof HTMLAnchorElement) {
    const href = node.getAttribute('href') ?? '';
    if (!SAFE_LINK.test(href.trim())) node.removeAttribute('href');
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  } else if (node instanceof HTMLImageElement) {
    const src = node.getAttribute('src') ?? '';
    if (!SAFE_IMAGE.test(src)) node.removeAttribute('src');
  }
  if (node.hasAttribute('class') && !(node instanceof HTMLElement && node.tagName === 'CODE')) node.removeAttribute('class');
});

/// The rendered statement, ready to put in the page.
export function renderMarkdown(markdown: string): DocumentFragment {
  const html = marked.parse(markdown, { async: false });
  const fragment = purifier.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  // An image that may not load says what it was instead of a broken box.
  for (const image of fragment.querySelectorAll('img:not([src])')) {
    image.replaceWith(`[image: ${image.getAttribute('alt') || 'not shown'}]`);
  }
  // Wide tables scroll inside their own box instead of widening the pane.
  for (const table of fragment.querySelectorAll('table')) {
    const box = document.createElement('div');
    box.className = 'md-table';
    table.replaceWith(box);
    box.append(table);
  }
  highlightCodeBlocks(fragment);
  return fragment;
}
