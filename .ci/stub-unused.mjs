// Replaces with `unreachable` the code of wasm-streams, which leptos's server functions link and
// this app never runs: a page built for the browser alone makes no server calls.
//   node .ci/stub-unused.mjs IN.wasm OUT.wasm CALLS.dot
// .ci/build-page.sh removes the module's exports of wasm-streams' JS classes (IntoUnderlying*),
// but their code stayed: each class method builds closures whose functions sit in the function
// table (taken by address, for JS to call back), and wasm-opt keeps every function in the table.
// Stubbed here, before wasm-opt, they and all that only they reached go: 3.0 KB of the first
// load gzipped.
//
// IN.wasm must keep its function names (wasm-bindgen's output does); CALLS.dot is
// `wasm-opt --print-call-graph IN.wasm`. The build stops if any function that stays calls one
// stubbed directly (other than the exports removed with them): that code could then reach a
// stub and trap. Through the table, only the stubbed closures' own callers reach them.
import { readFileSync, writeFileSync } from "node:fs";

const [input, output, calls] = process.argv.slice(2);
if (!calls) {
  console.error("usage: node .ci/stub-unused.mjs IN.wasm OUT.wasm CALLS.dot");
  process.exit(2);
}
const fail = (message) => {
  console.error(`stub-unused: ${message}`);
  process.exit(1);
};
// Rust's names carry the crate's hash: wasm_streams[37ac25cb4ebb926e]::readable::…
const STUB = /wasm_streams\[/;
// The exports build-page.sh removes (`remove-exports@*intounderlying*`), which call the stubs.
const REMOVED_EXPORT = /^(__wbg_)?intounderlying/;

const buf = readFileSync(input);
function leb(p) {
  let r = 0, s = 0, b;
  do {
    b = buf[p++];
    r += (b & 0x7f) * 2 ** s;
    s += 7;
  } while (b & 0x80);
  return [r, p];
}
function enc(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}

// The sections, the number of imported functions (they come first in the index space), and
// the function names.
let p = 8;
let imported = 0;
let code = null;
const names = new Map();
while (p < buf.length) {
  const start = p;
  const id = buf[p++];
  let size;
  [size, p] = leb(p);
  const end = p + size;
  if (id === 2) {
    let q = p, n, l;
    [n, q] = leb(q);
    for (let i = 0; i < n; i++) {
      [l, q] = leb(q); q += l; // module
      [l, q] = leb(q); q += l; // field
      const kind = buf[q++];
      if (kind === 0) { [, q] = leb(q); imported++; }
      else if (kind === 1) { q++; let f; [f, q] = leb(q); [, q] = leb(q); if (f & 1) [, q] = leb(q); }
      else if (kind === 2) { let f; [f, q] = leb(q); [, q] = leb(q); if (f & 1) [, q] = leb(q); }
      else if (kind === 3) q += 2;
      else fail(`import kind ${kind} not known`);
    }
  } else if (id === 10) {
    code = { start, body: p, end };
  } else if (id === 0) {
    let q = p, l;
    [l, q] = leb(q);
    if (buf.slice(q, q + l).toString() === "name") {
      q += l;
      while (q < end) {
        const sub = buf[q++];
        let ss;
        [ss, q] = leb(q);
        const subEnd = q + ss;
        if (sub === 1) {
          let n, idx, l2;
          [n, q] = leb(q);
          for (let i = 0; i < n; i++) {
            [idx, q] = leb(q);
            [l2, q] = leb(q);
            names.set(idx, buf.slice(q, q + l2).toString());
            q += l2;
          }
        }
        q = subEnd;
      }
    }
  }
  p = end;
}
if (!code || names.size === 0) fail(`${input} has no code or no function names`);

// Direct calls into the stubs, from functions that stay.
const stubbed = new Set([...names.values()].filter((n) => STUB.test(n)));
const edge = /^\s*"(.*)" -> "(.*)"/gm;
const callers = new Set();
for (const [, from, to] of readFileSync(calls, "utf8").matchAll(edge)) {
  if (stubbed.has(to) && !stubbed.has(from) && !REMOVED_EXPORT.test(from)) callers.add(from);
}
if (callers.size) fail(`functions that stay call wasm-streams' code: ${[...callers].join(", ")}`);

let q = code.body, n;
[n, q] = leb(q);
const parts = [enc(n)];
const body = Buffer.from([0x00, 0x00, 0x0b]); // no locals; unreachable; end
let count = 0;
for (let i = 0; i < n; i++) {
  const at = q;
  let size;
  [size, q] = leb(q);
  if (stubbed.has(names.get(imported + i))) {
    parts.push(enc(body.length), body);
    count++;
  } else {
    parts.push(buf.slice(at, q + size));
  }
  q += size;
}
const section = Buffer.concat(parts);
writeFileSync(
  output,
  Buffer.concat([buf.slice(0, code.start), Buffer.from([10]), enc(section.length), section, buf.slice(code.end)]),
);
console.log(`stub-unused: ${count} functions of wasm-streams stubbed`);
