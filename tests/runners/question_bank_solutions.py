"""Reference solutions of the shipped questions, by title: kept with the tests, never shipped,
so no candidate can receive one."""

from __future__ import annotations

SOLUTIONS = {
    "Two sum": """def two_sum(numbers, target):
    seen = {}
    for index, number in enumerate(numbers):
        if target - number in seen:
            return [seen[target - number], index]
        seen[number] = index
""",
    "Valid parentheses": """function isValid(s) {
  const pairs = { ')': '(', ']': '[', '}': '{' };
  const stack = [];
  for (const c of s) {
    if (c in pairs) {
      if (stack.pop() !== pairs[c]) return false;
    } else {
      stack.push(c);
    }
  }
  return stack.length === 0;
}
""",
    "FizzBuzz (stdin → stdout)": """n = int(input())
for i in range(1, n + 1):
    print("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else i)
""",
    "Merge intervals": """def merge(intervals):
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
""",
    "LRU cache": """class LRUCache {
  constructor(capacity) {
    this.capacity = capacity;
    this.entries = new Map();
  }

  get(key) {
    if (!this.entries.has(key)) return -1;
    const value = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  put(key, value) {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value);
  }
}
""",
    "Group anagrams": """def group_anagrams(words):
    groups = {}
    for word in words:
        groups.setdefault("".join(sorted(word)), []).append(word)
    return list(groups.values())
""",
    "Word count (stdin → stdout)": """const counts = new Map();
let line;
while ((line = readline()) !== null) {
  for (const word of line.toLowerCase().split(/\\s+/).filter(Boolean)) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
}
const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
for (const [word, count] of sorted) console.log(`${word} ${count}`);
""",
    "Customers' 2024 spending (SQL)": """SELECT c.name, count(o.id) AS orders,
  coalesce(sum(o.amount_cents), 0) AS total_cents
FROM customers AS c
LEFT JOIN orders AS o
  ON o.customer_id = c.id AND o.ordered_on >= '2024-01-01' AND o.ordered_on < '2025-01-01'
GROUP BY c.id
ORDER BY total_cents DESC, c.name;
""",
    "Roman numerals (Ruby, stdin → stdout)": """SYMBOLS = {
  1000 => 'M', 900 => 'CM', 500 => 'D', 400 => 'CD', 100 => 'C', 90 => 'XC',
  50 => 'L', 40 => 'XL', 10 => 'X', 9 => 'IX', 5 => 'V', 4 => 'IV', 1 => 'I'
}.freeze

def roman(number)
  SYMBOLS.reduce(+'') do |numeral, (value, symbol)|
    count, number = number.divmod(value)
    numeral << symbol * count
  end
end

while (line = gets)
  puts roman(line.to_i)
end
""",
    "Ledger (TypeScript, stdin → stdout)": """type Command =
  | { kind: 'open'; name: string }
  | { kind: 'deposit' | 'withdraw'; name: string; amount: number }
  | { kind: 'transfer'; from: string; to: string; amount: number };

function parse(line: string): Command {
  const [kind, ...args] = line.trim().split(/\\s+/);
  switch (kind) {
    case 'open':
      return { kind, name: args[0] };
    case 'deposit':
    case 'withdraw':
      return { kind, name: args[0], amount: Number(args[1]) };
    case 'transfer':
      return { kind, from: args[0], to: args[1], amount: Number(args[2]) };
    default:
      throw new Error(`cannot parse: ${line}`);
  }
}

function apply(balances: Map<string, number>, command: Command): boolean {
  switch (command.kind) {
    case 'open':
      if (balances.has(command.name)) return false;
      balances.set(command.name, 0);
      return true;
    case 'deposit':
    case 'withdraw': {
      const balance = balances.get(command.name);
      const change = command.kind === 'deposit' ? command.amount : -command.amount;
      if (balance === undefined || balance + change < 0) return false;
      balances.set(command.name, balance + change);
      return true;
    }
    case 'transfer': {
      const from = balances.get(command.from);
      if (from === undefined || !balances.has(command.to) || from < command.amount) return false;
      balances.set(command.from, from - command.amount);
      balances.set(command.to, (balances.get(command.to) ?? 0) + command.amount);
      return true;
    }
  }
}

const balances = new Map<string, number>();
let line: string | null;
let lineNo = 0;
while ((line = readline()) !== null) {
  lineNo++;
  if (!apply(balances, parse(line))) console.log(`line ${lineNo}: refused`);
}
for (const name of [...balances.keys()].sort()) console.log(name, balances.get(name));
""",
}
