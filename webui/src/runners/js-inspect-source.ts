/// Node-style formatting of console arguments, as plain JavaScript spliced into the JavaScript
/// worker: strings raw at the top level, objects as `{ a: 1, b: 'x' }`, `Map(1) { 1 => 'one' }`,
/// `[Circular]`, three levels deep, getters never called (hostile objects stay inert).

export const INSPECT_SOURCE = String.raw`const createInspector = (errorText) => {
    const IDENT = /^[A-Za-z_$][\w$]*$/;
    const quote = (text) => "'" + text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
    const wrap = (open, items, close, indent) => {
      if (items.length === 0) return open.trimEnd() + close.trimStart();
      const flat = open + items.join(', ') + close;
      if (flat.length <= 72 && !flat.includes('\n')) return flat;
      const pad = '  '.repeat(indent + 1);
      return open.trimEnd() + '\n' + items.map((item) => pad + item).join(',\n') + '\n' + '  '.repeat(indent) + close.trimStart();
    };
    const inspect = (value, depth, seen) => {
      try {
        switch (typeof value) {
          case 'string': return depth === 0 ? value : quote(value);
          case 'number': return Object.is(value, -0) ? '-0' : String(value);
          case 'bigint': return value + 'n';
          case 'symbol': return value.toString();
          case 'undefined': return 'undefined';
          case 'boolean': return String(value);
          case 'function': {
            const name = value.name;
            if (/^class[\s{]/.test(Function.prototype.toString.call(value))) return '[class ' + (name || '(anonymous)') + ']';
            return '[Function: ' + (name || '(anonymous)') + ']';
          }
        }
        if (value === null) return 'null';
        if (seen.includes(value)) return '[Circular]';
        if (value instanceof Error) return errorText(value);
        if (value instanceof Date) return isNaN(value) ? 'Invalid Date' : value.toISOString();
        if (value instanceof RegExp) return String(value);
        if (value instanceof Promise) return 'Promise { <unknown> }';
        if (value instanceof WeakMap || value instanceof WeakSet) return (value instanceof WeakMap ? 'WeakMap' : 'WeakSet') + ' { <items unknown> }';
        const nested = depth >= 3;
        const inner = [...seen, value];
        const show = (item) => inspect(item, depth + 1, inner);
        if (Array.isArray(value) || ArrayBuffer.isView(value)) {
          const typed = !Array.isArray(value);
          const label = typed ? value.constructor.name + '(' + value.length + ') ' : '';
          if (nested) return typed ? '[' + value.constructor.name + ']' : '[Array]';
          const items = [];
          const limit = Math.min(value.length, 100);
          for (let i = 0; i < limit; i++) items.push(typed ? String(value[i]) : (i in value ? show(value[i]) : '<empty>'));
          if (value.length > limit) items.push('... ' + (value.length - limit) + ' more items');
          return label + wrap('[ ', items, ' ]', depth);
        }
        if (value instanceof Map) {
          if (nested) return '[Map]';
          return 'Map(' + value.size + ') ' + wrap('{ ', [...value].slice(0, 100).map(([k, v]) => show(k) + ' => ' + show(v)), ' }', depth);
        }
        if (value instanceof Set) {
          if (nested) return '[Set]';
          return 'Set(' + value.size + ') ' + wrap('{ ', [...value].slice(0, 100).map(show), ' }', depth);
        }
        const proto = Object.getPrototypeOf(value);
        const ctor = proto === null ? '[Object: null prototype] ' : (proto.constructor && proto.constructor.name && proto.constructor !== Object ? proto.constructor.name + ' ' : '');
        if (nested) return ctor ? '[' + ctor.trim() + ']' : '[Object]';
        const items = Object.keys(value).slice(0, 100).map((key) => {
          const descriptor = Object.getOwnPropertyDescriptor(value, key);
          const shown = descriptor && 'value' in descriptor ? show(descriptor.value) : '[Getter/Setter]';
          return (IDENT.test(key) ? key : quote(key)) + ': ' + shown;
        });
        return ctor + wrap('{ ', items, ' }', depth);
      } catch (e) {
        return '[object]';
      }
    };
    const format = (args) => {
      const parts = [];
      let rest = args;
      if (typeof args[0] === 'string' && args[0].includes('%') && args.length > 1) {
        let index = 1;
        const head = args[0].replace(/%([sdifoOjc%])/g, (match, letter) => {
          if (letter === '%') return '%';
          if (index >= args.length) return match;
          const arg = args[index++];
          switch (letter) {
            case 's': return typeof arg === 'string' ? arg : inspect(arg, 1, []);
            case 'd': case 'i': return typeof arg === 'bigint' ? arg + 'n' : String(letter === 'i' ? Math.trunc(Number(arg)) : Number(arg));
            case 'f': return String(Number(arg));
            case 'j': try { return JSON.stringify(arg); } catch (e) { return '[Circular]'; }
            case 'c': return '';
            default: return inspect(arg, 1, []);
          }
        });
        parts.push(head);
        rest = args.slice(index);
      } else if (args.length > 0) {
        parts.push(inspect(args[0], 0, []));
        rest = args.slice(1);
      }
      for (const arg of rest) parts.push(inspect(arg, 0, []));
      return parts.join(' ');
    };
    return { inspect, format };
  };`;
