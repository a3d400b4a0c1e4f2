/// `import source from './x.ts?sandbox'`: the bundled JavaScript of a sandbox module, as text
/// (build-tools/sandbox-bundle.ts).
declare module '*?sandbox' {
  const source: string;
  export default source;
}

/// `import text from './x.py?raw'`: a file's text.
declare module '*?raw' {
  const text: string;
  export default text;
}
