/// Node-style formatting of console arguments, for the JavaScript worker: strings raw at the top
/// level, objects as `{ a: 1, b: 'x' }`, `Map(1) { 1 => 'one' }`, `[Circular]`, three levels deep,
/// getters never called (hostile objects stay inert). (Worker code: language features only.)

export interface Inspector {
  /// `depth` 0 is a top-level argument (a string shows raw); `seen` holds the enclosing objects.
  inspect(value: unknown, depth: number, seen: unknown[]): string;
  /// console.log's arguments, with printf-style `%s %d %i %f %j %o %O %c %%` in the first.
  format(args: unknown[]): string;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const MAX_ITEMS = 100;
const MAX_DEPTH = 3;
const FLAT_WIDTH = 72;

const quote = (text: string): string =>
  "'" + text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";

function wrap(open: string, items: string[], close: string, indent: number): string {
  if (items.length === 0) return open.trimEnd() + close.trimStart();
  const flat = open + items.join(', ') + close;
  if (flat.length <= FLAT_WIDTH && !flat.includes('\n')) return flat;
  const pad = '  '.repeat(indent + 1);
  return (
    open.trimEnd() + '\n' + items.map((item) => pad + item).join(',\n') + '\n' + '  '.repeat(indent) + close.trimStart()
  );
}

/// `errorText` shows an Error the way an uncaught one is reported (message and user frames).
export function createInspector(errorText: (error: unknown) => string): Inspector {
  const inspect = (value: unknown, depth: number, seen: unknown[]): string => {
    try {
      switch (typeof value) {
        case 'string':
          return depth === 0 ? value : quote(value);
        case 'number':
          return Object.is(value, -0) ? '-0' : String(value);
        case 'bigint':
          return `${value}n`;
        case 'symbol':
          return value.toString();
        case 'undefined':
          return 'undefined';
        case 'boolean':
          return String(value);
        case 'function': {
          const name = value.name;
          if (/^class[\s{]/.test(Function.prototype.toString.call(value))) return `[class ${name || '(anonymous)'}]`;
          return `[Function: ${name || '(anonymous)'}]`;
        }
      }
      if (value === null) return 'null';
      const object = value as object;
      if (seen.includes(object)) return '[Circular]';
      if (object instanceof Error) return errorText(object);
      if (object instanceof Date) return isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
      if (object instanceof RegExp) return String(object);
      if (object instanceof Promise) return 'Promise { <unknown> }';
      if (object instanceof WeakMap) return 'WeakMap { <items unknown> }';
      if (object instanceof WeakSet) return 'WeakSet { <items unknown> }';
      const nested = depth >= MAX_DEPTH;
      const inner = [...seen, object];
      const show = (item: unknown): string => inspect(item, depth + 1, inner);
      if (Array.isArray(object) || ArrayBuffer.isView(object)) {
        const typed = !Array.isArray(object);
        const list = object as ArrayLike<unknown>;
        const typeName = typed ? object.constructor.name : '';
        if (nested) return typed ? `[${typeName}]` : '[Array]';
        const label = typed ? `${typeName}(${list.length}) ` : '';
        const items: string[] = [];
        const limit = Math.min(list.length, MAX_ITEMS);
        for (let i = 0; i < limit; i++) items.push(typed ? String(list[i]) : i in list ? show(list[i]) : '<empty>');
        if (list.length > limit) items.push(`... ${list.length - limit} more items`);
        return label + wrap('[ ', items, ' ]', depth);
      }
      if (object instanceof Map) {
        if (nested) return '[Map]';
        const items = [...object].slice(0, MAX_ITEMS).map(([k, v]) => `${show(k)} => ${show(v)}`);
        return `Map(${object.size}) ` + wrap('{ ', items, ' }', depth);
      }
      if (object instanceof Set) {
        if (nested) return '[Set]';
        return `Set(${object.size}) ` + wrap('{ ', [...object].slice(0, MAX_ITEMS).map(show), ' }', depth);
      }
      const proto: unknown = Object.getPrototypeOf(object);
      const ctor = constructorLabel(proto);
      if (nested) return ctor ? `[${ctor.trim()}]` : '[Object]';
      const items = Object.keys(object)
        .slice(0, MAX_ITEMS)
        .map((key) => {
          const descriptor = Object.getOwnPropertyDescriptor(object, key);
          const shown = descriptor && 'value' in descriptor ? show(descriptor.value) : '[Getter/Setter]';
          return `${IDENT.test(key) ? key : quote(key)}: ${shown}`;
        });
      return ctor + wrap('{ ', items, ' }', depth);
    } catch {
      return '[object]';
    }
  };

  const format = (args: unknown[]): string => {
    const parts: string[] = [];
    let rest = args;
    const first = args[0];
    if (typeof first === 'string' && first.includes('%') && args.length > 1) {
      let index = 1;
      const head = first.replace(/%([sdifoOjc%])/g, (match, letter: string) => {
        if (letter === '%') return '%';
        if (index >= args.length) return match;
        const arg = args[index++];
        switch (letter) {
          case 's':
            return typeof arg === 'string' ? arg : inspect(arg, 1, []);
          case 'd':
          case 'i':
            return typeof arg === 'bigint' ? `${arg}n` : String(letter === 'i' ? Math.trunc(Number(arg)) : Number(arg));
          case 'f':
            return String(Number(arg));
          case 'j':
            try {
              return String(JSON.stringify(arg));
            } catch {
              return '[Circular]';
            }
          case 'c':
            return '';
          default:
            return inspect(arg, 1, []);
        }
      });
      parts.push(head);
      rest = args.slice(index);
    } else if (args.length > 0) {
      parts.push(inspect(first, 0, []));
      rest = args.slice(1);
    }
    for (const arg of rest) parts.push(inspect(arg, 0, []));
    return parts.join(' ');
  };

  return { inspect, format };
}

/// `Foo ` for an instance of class Foo, `[Object: null prototype] ` without a prototype, else ''.
function constructorLabel(proto: unknown): string {
  if (proto === null) return '[Object: null prototype] ';
  const ctor: unknown = (proto as { constructor?: unknown }).constructor;
  if (typeof ctor === 'function' && ctor.name && ctor !== Object) return `${ctor.name} `;
  return '';
}
