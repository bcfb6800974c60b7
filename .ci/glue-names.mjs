// Shortens the names by which the page's main module and its JavaScript glue call each other.
//   node .ci/glue-names.mjs MODULE.wasm GLUE.js SPLIT.js OUT.js
// wasm-bindgen names each import after its JS function and a hash (`__wbg_appendChild_0b2c…`)
// and each closure export after its Rust types (up to 400 characters); the names appear in the
// wasm and again in the glue, and cost 3.5 KB of the first load gzipped. This gives the imports
// of the glue's module and the exports the glue calls one- or two-letter names, in MODULE.wasm
// (rewritten in place, after wasm-opt) and in GLUE.js (written to OUT.js, before terser).
// Exports that __wasm_split.js reads keep their names, so do those of other import modules.
//
// It also drops from the glue the classes whose exports .ci/build-page.sh removed from the wasm
// (wasm-streams' IntoUnderlying*, which leptos's server functions link and this app never uses).
//
// Any mismatch left (an import the glue does not define, a `wasm.x` the module does not export)
// stops the build: the page would fail at start-up instead.
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "acorn";

const [wasmPath, gluePath, splitPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error("usage: node .ci/glue-names.mjs MODULE.wasm GLUE.js SPLIT.js OUT.js");
  process.exit(2);
}
const fail = (message) => {
  console.error(`glue-names: ${message}`);
  process.exit(1);
};
// wasm-bindgen's module name for the glue's own imports (--target web, --out-name xephang).
const GLUE_MODULE = "./xephang_bg.js";

// ---- The wasm module: its import and export sections ----
const wasm = readFileSync(wasmPath);
const utf8 = new TextDecoder("utf-8", { fatal: true });

function reader(bytes, pos) {
  const r = {
    pos,
    byte() {
      if (r.pos >= bytes.length) fail(`${wasmPath}: ends inside a section`);
      return bytes[r.pos++];
    },
    uleb() {
      let result = 0n;
      let shift = 0n;
      for (;;) {
        const b = r.byte();
        result |= BigInt(b & 0x7f) << shift;
        shift += 7n;
        if (!(b & 0x80)) return Number(result);
      }
    },
    name() {
      const len = r.uleb();
      const s = utf8.decode(bytes.subarray(r.pos, r.pos + len));
      r.pos += len;
      return s;
    },
  };
  return r;
}

function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}
const encName = (s) => {
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([uleb(b.length), b]);
};

if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);
const sections = [];
{
  const r = reader(wasm, 8);
  while (r.pos < wasm.length) {
    const header = r.pos;
    const id = r.byte();
    const size = r.uleb();
    sections.push({ id, header, start: r.pos, end: r.pos + size });
    r.pos += size;
  }
}

function limits(r) {
  const flags = r.byte();
  r.uleb();
  if (flags & 1) r.uleb();
}
// Each import: its module, its name, and the bytes of its description (copied as they are).
function readImports(s) {
  const r = reader(wasm, s.start);
  const n = r.uleb();
  const items = [];
  for (let i = 0; i < n; i++) {
    const module = r.name();
    const name = r.name();
    const descStart = r.pos;
    const kind = r.byte();
    if (kind === 0) r.uleb();
    else if (kind === 1) {
      r.byte();
      limits(r);
    } else if (kind === 2) limits(r);
    else if (kind === 3) {
      const t = r.byte();
      if (t < 0x6f) fail(`${wasmPath}: import ${name}: a global of a type this script cannot read`);
      r.byte();
    } else if (kind === 4) {
      r.byte();
      r.uleb();
    } else fail(`${wasmPath}: import ${name}: unknown kind ${kind}`);
    items.push({ module, name, desc: wasm.subarray(descStart, r.pos) });
  }
  return items;
}
function readExports(s) {
  const r = reader(wasm, s.start);
  const n = r.uleb();
  const items = [];
  for (let i = 0; i < n; i++) {
    const name = r.name();
    const descStart = r.pos;
    r.byte();
    r.uleb();
    items.push({ name, desc: wasm.subarray(descStart, r.pos) });
  }
  return items;
}
const importSec = sections.find((s) => s.id === 2);
const exportSec = sections.find((s) => s.id === 7);
if (!importSec || !exportSec) fail(`${wasmPath}: no import or no export section`);
const imports = readImports(importSec);
const exports = readExports(exportSec);
const exportNames = new Set(exports.map((e) => e.name));

// ---- The glue ----
const glue = readFileSync(gluePath, "utf8");
const split = readFileSync(splitPath, "utf8");
const ast = parse(glue, { ecmaVersion: "latest", sourceType: "module" });

function walk(node, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node);
  for (const key of Object.keys(node)) {
    const v = node[key];
    if (Array.isArray(v)) v.forEach((c) => walk(c, visit));
    else if (v && typeof v.type === "string") walk(v, visit);
  }
}
const keyName = (p) => (p.key.type === "Identifier" ? p.key.name : p.key.value);
const isWasmMember = (n) =>
  n.type === "MemberExpression" && n.object.type === "Identifier" && n.object.name === "wasm";

// Classes and constants whose exports are gone: top-level statements that use a `wasm.x` the
// module no longer exports, then those that use what was dropped, until nothing changes. Only
// class declarations, constants and `if (Symbol.dispose) …` lines may go; a function that uses
// a missing export is an error.
const dropped = new Set();
const droppedNames = new Set();
for (let changed = true; changed; ) {
  changed = false;
  for (const stmt of ast.body) {
    if (dropped.has(stmt)) continue;
    let uses = false;
    walk(stmt, (n) => {
      if (isWasmMember(n) && !n.computed && !exportNames.has(n.property.name)) uses = true;
      if (n.type === "Identifier" && droppedNames.has(n.name)) uses = true;
    });
    if (!uses) continue;
    const decl = stmt.type === "ExportNamedDeclaration" ? stmt.declaration : stmt;
    if (decl?.type === "ClassDeclaration") droppedNames.add(decl.id.name);
    else if (decl?.type === "VariableDeclaration")
      decl.declarations.forEach((d) => droppedNames.add(d.id.name));
    else if (decl?.type !== "IfStatement" && decl?.type !== "ExpressionStatement")
      fail(`${gluePath}:${stmt.start}: a ${stmt.type} uses an export the module does not have`);
    dropped.add(stmt);
    changed = true;
  }
}

// ---- The new names ----
const ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
function shortName(i) {
  let s = ALPHA[i % ALPHA.length];
  for (i = Math.floor(i / ALPHA.length); i > 0; i = Math.floor(i / ALPHA.length))
    s += ALPHA[i % ALPHA.length];
  return s;
}
const importMap = new Map();
for (const imp of imports)
  if (imp.module === GLUE_MODULE && !importMap.has(imp.name))
    importMap.set(imp.name, shortName(importMap.size));

// Exports the glue calls as `wasm.x`, except those __wasm_split.js reads by name.
const called = new Set();
walk(ast, (n) => {
  if (isWasmMember(n) && n.computed) fail(`${gluePath}:${n.start}: a computed wasm[…] access`);
  if (isWasmMember(n)) called.add(n.property.name);
});
const splitReads = (name) => new RegExp(`\\b${name}\\b`).test(split);
const exportMap = new Map();
let next = 0;
for (const e of exports)
  if (called.has(e.name) && !splitReads(e.name) && !exportMap.has(e.name)) {
    let s;
    do s = shortName(next++);
    while (exportNames.has(s));
    exportMap.set(e.name, s);
  }

// ---- Rewrite the glue ----
const edits = []; // [start, end, text]
for (const stmt of dropped) edits.push([stmt.start, stmt.end, ""]);
const keysRenamed = new Map();
walk(ast, (n) => {
  if ([...dropped].some((d) => n.start >= d.start && n.end <= d.end)) return;
  if (n.type === "Property" && !n.computed && importMap.has(keyName(n))) {
    const name = keyName(n);
    keysRenamed.set(name, (keysRenamed.get(name) ?? 0) + 1);
    if (n.shorthand || n.method) fail(`${gluePath}:${n.start}: import ${name} is not a plain key`);
    edits.push([n.key.start, n.key.end, importMap.get(name)]);
  }
  if (isWasmMember(n)) {
    const name = n.property.name;
    if (!exportNames.has(name)) fail(`${gluePath}:${n.start}: wasm.${name} is not exported`);
    if (exportMap.has(name)) edits.push([n.property.start, n.property.end, exportMap.get(name)]);
  }
});
for (const name of importMap.keys())
  if (keysRenamed.get(name) !== 1)
    fail(`${gluePath}: import ${name} is defined ${keysRenamed.get(name) ?? 0} times, not once`);
// Edits inside a dropped statement are skipped above; apply the rest from the end.
edits.sort((a, b) => b[0] - a[0]);
let out = glue;
let last = Infinity;
for (const [start, end, text] of edits) {
  if (end > last) fail(`${gluePath}: overlapping edits at ${start}`);
  out = out.slice(0, start) + text + out.slice(end);
  last = start;
}
writeFileSync(outPath, out);

// ---- Rewrite the module ----
function section(id, count, items) {
  const body = Buffer.concat([uleb(count), ...items]);
  return Buffer.concat([Buffer.from([id]), uleb(body.length), body]);
}
const newImports = section(
  2,
  imports.length,
  imports.map((i) =>
    Buffer.concat([
      encName(i.module),
      encName(i.module === GLUE_MODULE ? importMap.get(i.name) : i.name),
      i.desc,
    ]),
  ),
);
const newExports = section(
  7,
  exports.length,
  exports.map((e) => Buffer.concat([encName(exportMap.get(e.name) ?? e.name), e.desc])),
);
const parts = [wasm.subarray(0, 8)];
let pos = 8;
for (const s of sections) {
  if (s.id === 2 || s.id === 7) {
    parts.push(wasm.subarray(pos, s.header), s.id === 2 ? newImports : newExports);
    pos = s.end;
  }
}
parts.push(wasm.subarray(pos));
const rewritten = Buffer.concat(parts);
if (!WebAssembly.validate(rewritten)) fail(`${wasmPath}: the rewritten module does not validate`);
writeFileSync(wasmPath, rewritten);
console.log(
  `glue-names: ${importMap.size} imports and ${exportMap.size} exports renamed, ` +
    `${dropped.size} unused statements dropped from the glue; ` +
    `${wasm.length - rewritten.length} bytes off the module, ${glue.length - out.length} off the glue`,
);
