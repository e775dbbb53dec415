#!/usr/bin/env node
// Copied from shared/tools/chdb-sql (the project's shared tooling) so that the check needs nothing outside the repository.
// Runs SQL files, statement by statement, on a current ClickHouse engine (chDB, in-process)
// and stops at the first statement the engine refuses. Use it to prove that SQL written for
// ClickHouse 18.16 also runs on a current release.
//
//   node run.js [--data DIR] [--db NAME] [--config FILE.xml] [--format CSV] FILE.sql [FILE.sql ...]
//
// Statements are split on ';' at the end of a line. Lines starting with '--' are comments.
// --db NAME creates the database, and the text {db} in any statement is replaced by NAME.
// --config FILE.xml gives the engine a server configuration (skm: a cluster, cluster.xml).
// Needs the npm package chdb (it brings ClickHouse 26.x): npm install chdb@3.4.0
const fs = require("fs");
const os = require("os");
const path = require("path");
const { Session, query } = require("chdb");

const args = process.argv.slice(2);
let dataDir = null, db = null, config = null, format = "CSV";
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--data") dataDir = args[++i];
  else if (args[i] === "--db") db = args[++i];
  else if (args[i] === "--config") config = path.resolve(args[++i]);
  else if (args[i] === "--format") format = args[++i];
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error("usage: node run.js [--data DIR] [--db NAME] [--format CSV] FILE.sql ...");
  process.exit(2);
}

function statements(text) {
  const out = [];
  let cur = [];
  for (const line of text.split("\n")) {
    if (/^\s*--/.test(line)) continue;
    cur.push(line);
    if (/;\s*$/.test(line)) {
      const s = cur.join("\n").trim().replace(/;\s*$/, "");
      if (s) out.push(s);
      cur = [];
    }
  }
  const rest = cur.join("\n").trim();
  if (rest) out.push(rest);
  return out;
}

const version = query("SELECT version()", "CSV").trim().replace(/"/g, "");
const dir = dataDir || fs.mkdtempSync(path.join(os.tmpdir(), "chdb-sql-"));
const s = config ? new Session(dir, { connectionArgs: [`--config-file=${config}`] }) : new Session(dir);
let n = 0;
try {
  if (db) s.query(`CREATE DATABASE IF NOT EXISTS ${db}`);
  for (const f of files) {
    const list = statements(fs.readFileSync(f, "utf8"));
    list.forEach((stmt, i) => {
      const sql = db ? stmt.split("{db}").join(db) : stmt;
      try {
        const out = s.query(sql, format);
        n++;
        if (out && out.trim()) process.stdout.write(out.endsWith("\n") ? out : out + "\n");
      } catch (e) {
        console.error(`${f}: statement ${i + 1} refused by ClickHouse ${version}:\n${sql}\n--> ${String(e.message || e).split("\n")[0]}`);
        process.exit(1);
      }
    });
  }
} finally {
  s.close();
  if (!dataDir) fs.rmSync(dir, { recursive: true, force: true });
}
console.error(`${n} statements ran on ClickHouse ${version}`);
