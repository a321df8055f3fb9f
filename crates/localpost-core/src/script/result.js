// Run once after postman-sandbox's boot code: a cheaper Execution.toJSON. The sandbox calls it
// only to send an execution's result to the host, and its own (lodash's mapValues over every
// member, each scope and request through postman-collection's generic toJSON) was about a
// quarter of an execution's time in QuickJS. This one writes what the host reads (see
// `Outcome::execution`): each variable scope's values and compacted changes, the request after
// a pre-request script, and `return` (next request, visualizer). The module is looked up by
// its place in the pinned bundle (the minifier dropped the class's name) and checked by its
// shape: a constructor of (id, event, context, options) whose prototype holds only toJSON; on
// any mismatch nothing is changed.
(function (Execution) {
  'use strict';
  if (typeof Execution !== 'function' || Execution.length !== 4) {
    return false;
  }
  var own = Object.getOwnPropertyNames(Execution.prototype);
  if (own.length !== 2 || own.indexOf('constructor') === -1 || typeof Execution.prototype.toJSON !== 'function') {
    return false;
  }
  function scope(s) {
    if (!s || !s.values || typeof s.values.each !== 'function') {
      return s && typeof s.toJSON === 'function' ? s.toJSON() : s;
    }
    var values = [];
    s.values.each(function (v) {
      values[values.length] = { key: v.key, value: v.value, type: v.type, disabled: v.disabled };
    });
    var tracker = s.mutations;
    return { values: values, mutations: tracker ? { compacted: tracker.compacted } : undefined };
  }
  Execution.prototype.toJSON = function () {
    var request = this.target === 'prerequest' && this.request && typeof this.request.toJSON === 'function' ?
      this.request.toJSON() : undefined;
    return {
      id: this.id,
      target: this.target,
      globals: scope(this.globals),
      environment: scope(this.environment),
      collectionVariables: scope(this.collectionVariables),
      _variables: scope(this._variables),
      request: request,
      return: this.return
    };
  };
  return true;
});
