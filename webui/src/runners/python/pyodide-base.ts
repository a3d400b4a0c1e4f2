/// Where Pyodide is loaded from: the relay's run-time setting (`--pyodide-base`, injected as a meta
/// tag), else the build-time `VITE_PYODIDE_BASE`, else `/pyodide/`.

const META_NAME = 'interview-desk-pyodide-base';

/// The absolute base URL, ending with `/`: the runner's frame has an opaque origin, so a relative
/// URL would not resolve there.
export function pyodideBase(): string {
  const fromMeta = document.querySelector<HTMLMetaElement>(`meta[name="${META_NAME}"]`)?.content.trim();
  const fromBuild = (import.meta.env.VITE_PYODIDE_BASE as string | undefined)?.trim();
  const raw = fromMeta || fromBuild || '/pyodide/';
  const url = new URL(raw, location.href);
  url.search = '';
  url.hash = '';
  const href = url.href;
  return href.endsWith('/') ? href : `${href}/`;
}

/// The same URL as a CSP source expression (`;` and `,` would end the directive or the list).
export function cspSource(url: string): string {
  return url.replace(/;/g, '%3B').replace(/,/g, '%2C').replace(/\s/g, '%20');
}
