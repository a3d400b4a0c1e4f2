# Runs once in every fresh Ruby VM, before its one program arrives; the last expression is the
# lambda the worker calls with the program's text. It returns '' on success, else the error text
# as `ruby main.rb` prints it (message, class, backtrace of the program's own frames).

# The VM starts with --disable-gems (RubyGems alone costs a quarter of a second per VM): the
# bundled gems people reach for go on the load path by hand. did_you_mean (Ruby's "Did you
# mean?" hints) costs another tenth and is loaded only when an error needs it: it extends the
# error classes, so an exception raised before it loaded gets its hint all the same.
$LOAD_PATH.concat(Dir['/usr/local/lib/ruby/gems/3.4.0/gems/{prime,matrix,minitest,test-unit,power_assert,rbs}-*/lib'])
$stdout.sync = true
$stderr.sync = true
$0 = 'main.rb'

# exit! would leave the interpreter from under the worker (WASI proc_exit); as plain exit it
# ends the program the same way, with its status.
module Kernel
  private def exit!(status = false) = exit(status)
end
def Process.exit!(status = false) = exit(status)

->(code) do
  TOPLEVEL_BINDING.eval(code, 'main.rb', 1)
  ''
rescue SystemExit => e
  e.success? ? '' : "SystemExit: exit status #{e.status}"
rescue SyntaxError => e
  first, rest = e.message.split("\n", 2)
  # Prism colours its code excerpt whatever the output is.
  ["#{first} (SyntaxError)", rest].compact.join("\n").gsub(/\e\[[\d;]*m/, '').chomp
rescue Exception => e # rubocop:disable Lint/RescueException -- the program's every failure is reported
  if e.is_a?(NoMemoryError)
    # The program's top-level data is what filled memory: let it go before the report is made.
    TOPLEVEL_BINDING.local_variables.each { |name| TOPLEVEL_BINDING.local_variable_set(name, nil) }
    GC.start
  end
  require 'did_you_mean' if e.is_a?(NameError) || e.is_a?(KeyError) || e.is_a?(LoadError)
  lines = e.backtrace || []
  last = lines.rindex { |line| line.start_with?('main.rb:') }
  e.set_backtrace(lines[0..last]) if last
  e.full_message(highlight: false, order: :top).chomp
ensure
  # What a program that turned `sync` off left in Ruby's buffers, as `ruby` writes it at exit.
  [STDOUT, STDERR].each { |io| io.flush rescue nil } # rubocop:disable Style/RescueModifier
end
