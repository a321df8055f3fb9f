// Localpost's host side of the sandbox, run before postman-sandbox's boot code. It gives the
// boot code what a uvm bridge gives it (the `bridge` event emitter and the two `__uvm_`
// globals it expects) and the six timer functions, with real due times. The boot code deletes
// every global it does not know, so the host keeps what it needs in this closure and gets it
// back as the returned object. Messages go out as JSON text through `hostEmit`, in one piece:
// no Flatted round trip, since both ends live in one process.
//
// A script may tamper with built-in prototypes (`Array.prototype.push = null`): this file
// therefore calls no prototype method after it starts, only functions it captured here and
// plain loops.
(function (hostEmit) {
  'use strict';
  var stringify = JSON.stringify;
  var parse = JSON.parse;
  var now = Date.now;
  var apply = Reflect.apply;
  var max = Math.max;
  function copy(list, from) {
    var out = [];
    for (var i = from || 0; i < list.length; i++) {
      out[out.length] = list[i];
    }
    return out;
  }
  var isError = function (value) {
    return value instanceof Error;
  };

  // The sandbox passes a script's error as an argument of its own (execution.error,
  // execution.result): it keeps its name, message and stack here, where the line and column
  // are (the sandbox gives Error a toJSON that drops the stack). Everything else is plain JSON,
  // written without a replacer, which QuickJS would call for every value. A message with a
  // cycle (or a BigInt) is written again with each repeated object as null rather than lost.
  function encode(args) {
    for (var i = 0; i < args.length; i++) {
      var arg = args[i];
      if (isError(arg)) {
        args[i] = { name: arg.name, message: arg.message, stack: arg.stack, type: 'Error' };
      }
    }
    try {
      return stringify(args);
    } catch (e) {
      return encodeAcyclic(args);
    }
  }
  function encodeAcyclic(args) {
    var seen = [];
    return stringify(args, function (key, value) {
      if (isError(value)) {
        return { name: value.name, message: value.message, stack: value.stack, type: 'Error' };
      }
      if (typeof value === 'bigint') {
        return String(value);
      }
      if (value !== null && typeof value === 'object') {
        for (var i = 0; i < seen.length; i++) {
          if (seen[i] === value) {
            return null;
          }
        }
        seen[seen.length] = value;
      }
      return value;
    });
  }

  // The uvm bridge: events in from the host, `dispatch` out to it.
  var listeners = {};
  var bridge = {
    on: function (name, listener) {
      if (typeof listener !== 'function') {
        return;
      }
      var list = listeners[name] || (listeners[name] = []);
      list[list.length] = listener;
    },
    once: function (name, listener) {
      var self = this;
      self.on(name, function once() {
        self.off(name, once);
        apply(listener, self, copy(arguments));
      });
    },
    off: function (name, listener) {
      var list = listeners[name];
      if (!list) {
        return;
      }
      if (arguments.length === 1) {
        delete listeners[name];
        return;
      }
      var kept = [];
      for (var i = 0; i < list.length; i++) {
        if (list[i] !== listener) {
          kept[kept.length] = list[i];
        }
      }
      listeners[name] = kept;
      if (!kept.length) {
        delete listeners[name];
      }
    },
    emit: function (name) {
      var list = listeners[name];
      if (!list) {
        return;
      }
      var args = copy(arguments, 1);
      var current = copy(list);
      for (var i = 0; i < current.length; i++) {
        apply(current[i], bridge, args);
      }
    },
    dispatch: function () {
      hostEmit(encode(copy(arguments)));
    }
  };

  // Timers, earliest due first (ties in the order they were set).
  var timers = [];
  var lastId = 0;
  function schedule(fn, ms, args, every) {
    var id = ++lastId;
    var delay = max(0, Number(ms) || 0);
    var timer = { id: id, fn: fn, args: args, due: now() + delay, every: every ? delay : -1 };
    insert(timer);
    return id;
  }
  function insert(timer) {
    var i = timers.length;
    while (i > 0 && timers[i - 1].due > timer.due) {
      timers[i] = timers[i - 1];
      i--;
    }
    timers[i] = timer;
  }
  function clear(id) {
    var kept = [];
    for (var i = 0; i < timers.length; i++) {
      if (timers[i].id !== id) {
        kept[kept.length] = timers[i];
      }
    }
    timers = kept;
  }
  globalThis.setTimeout = function (fn, ms) {
    return schedule(fn, ms, copy(arguments, 2), false);
  };
  globalThis.setInterval = function (fn, ms) {
    return schedule(fn, ms, copy(arguments, 2), true);
  };
  globalThis.setImmediate = function (fn) {
    return schedule(fn, 0, copy(arguments, 1), false);
  };
  globalThis.clearTimeout = clear;
  globalThis.clearInterval = clear;
  globalThis.clearImmediate = clear;

  globalThis.bridge = bridge;
  globalThis.__uvm_emit = function (message) {
    hostEmit(message);
  };
  globalThis.__uvm_dispatch = function (message) {
    apply(bridge.emit, bridge, parse(message));
  };

  return {
    // Emits one event (a JSON array: name, then arguments) into the sandbox.
    dispatch: function (message) {
      apply(bridge.emit, bridge, parse(message));
    },
    // Runs one timer that is due; returns -1 when none is left, 0 after running one, else the
    // milliseconds until the next is due.
    tick: function () {
      if (!timers.length) {
        return -1;
      }
      var wait = timers[0].due - now();
      if (wait > 0) {
        return wait;
      }
      var timer = timers[0];
      timers = copy(timers, 1);
      if (timer.every >= 0) {
        timer.due = now() + timer.every;
        insert(timer);
      }
      if (typeof timer.fn === 'function') {
        apply(timer.fn, null, timer.args);
      }
      return 0;
    },
    // Forgets every timer (after an execution was cut short).
    reset: function () {
      timers = [];
    }
  };
});
