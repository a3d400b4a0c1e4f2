"""Ruby's runner cases (CRuby 3.4 compiled to WebAssembly, ruby.wasm). Its `js` library is the
runtime's own way to JavaScript, and so to the network: every probe goes through it."""

from __future__ import annotations

from tests.runners.attacks import Attack
from tests.runners.languages import LanguageCases, StdinCase


def rb(body: str) -> str:
    """Wraps Ruby lines in begin/rescue that reports the block (JS errors come as JS::Error)."""
    return f'begin\n{body}\nrescue => e\n  puts "blocked: #{{e.class}} #{{e.message}}"\nend'


#: A promise the program awaits (ruby.wasm runs such a program in a fiber), settled either way.
RB_WEBSOCKET = "require 'js'\n" + rb(
    """ws = JS.global[:WebSocket].new("{target}")
result = JS.global[:Promise].new do |ok, _|
  ws[:onopen] = ->(_) { ok.apply('REACHED') }
  ws[:onerror] = ->(_) { ok.apply('blocked: socket error') }
end
puts result.await"""
)

ATTACKS = (
    Attack(
        "ruby-js-fetch",
        "ruby",
        "require 'js'\n"
        + rb('r = JS.global.fetch("{probe}/{marker}").await\nputs "REACHED #{r[:status]}"')
        + "\n"
        + rb(
            'options = JS.global[:Object].new\noptions[:mode] = "no-cors"\n'
            'JS.global.fetch("{probe}/{marker}-no-cors", options).await\nputs "REACHED"'
        ),
        "blocked: JS::Error TypeError",
    ),
    Attack(
        "ruby-xhr",
        "ruby",
        "require 'js'\n"
        + rb(
            'x = JS.global[:XMLHttpRequest].new\nx.open("GET", "{probe}/{marker}", false)\n'
            'x.send\nputs "REACHED #{x[:status]}"'
        ),
        "NetworkError",
    ),
    Attack(
        "ruby-websocket",
        "ruby",
        RB_WEBSOCKET.replace("{target}", "{ws_probe}/{marker}"),
        "blocked: socket error",
    ),
    Attack(
        "ruby-import-scripts-and-event-source",
        "ruby",
        "require 'js'\nputs [JS.global[:Image].typeof, JS.global[:navigator][:sendBeacon].typeof]"
        ".join(' ')\n"
        + rb('JS.global.importScripts("{probe}/{marker}.js")\nputs "REACHED"')
        + "\n"
        + rb('JS.global[:EventSource].new("{probe}/{marker}-es")\nputs "opened"')
        + "\n"
        + rb('JS.eval("importScripts(\'{probe}/{marker}-eval.js\')")\nputs "REACHED"'),
        "undefined undefined",
    ),
    Attack(
        "ruby-page-and-storage",
        "ruby",
        "require 'js'\n"
        "names = %w[document window parent top localStorage sessionStorage postMessage Worker]\n"
        "puts names.reject { |n| JS.global[n].typeof == 'undefined' }.inspect\n"
        + rb('JS.global[:indexedDB].open("secrets")\nputs "opened"')
        + "\n"
        + rb('JS.global[:caches].keys.await\nputs "REACHED"'),
        '["Worker"]',
    ),
)

CASES = LanguageCases(
    language="ruby",
    hello=("puts 1 + 1", "2\n"),
    error=("def half(n)\n  n / 0\nend\nhalf(4)", "divided by 0 (ZeroDivisionError)"),
    stdin=StdinCase(
        code='name = gets.chomp\nage = gets.to_i\nputs "#{name} #{age + 1}"\np gets',
        stdin="Ada\n41\n",
        output="Ada 42\nnil\n",
    ),
    loop="puts 'spinning'\nloop {}",
    memory_bomb="a = []\nloop { a << 'x' * 10_000_000 }",
    attacks=ATTACKS,
)
