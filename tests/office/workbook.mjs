// The site's workbook (nhiem-vu.xlsx) as LibreOffice Calc reads it, against data.json: run by
// scripts/test after `soffice --convert-to csv` (cells "as shown", UTF-8).
//
//   node tests/office/workbook.mjs SITE CSV
//
// Checks the header words, a row per task of data.json in the site's task order, and each
// row (found by its link) against its task: name, text, lead, deadline (shown dd/mm/yyyy),
// status in the site's words and days overdue; exits 1 with what differs.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const [site, csvPath] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(path.join(site, 'data.json'), 'utf8'));
const sandbox = { window: {} };
vm.runInNewContext(fs.readFileSync(path.join(site, 'static/labels.js'), 'utf8'), sandbox);
const labels = sandbox.window.chidaoLabels;

/** RFC 4180 records of a CSV text. */
function records(text) {
  const out = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') { quoted = false; } else { cell += c; }
    } else if (c === '"') { quoted = true; } else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') {
      row.push(cell); out.push(row); row = []; cell = '';
    } else if (c !== '\r') { cell += c; }
  }
  if (cell || row.length) { row.push(cell); out.push(row); }
  return out;
}

const rows = records(fs.readFileSync(csvPath, 'utf8'));
const problems = [];
const want = (what, got, expected) => { if (got !== expected) problems.push(`${what}: ${JSON.stringify(got)}, not ${JSON.stringify(expected)}`); };
const header = rows.shift();
want('columns', header.length, 11);
want('first heading', header[0], 'Nhiệm vụ');
want('rows', rows.length, data.tasks.length);
const names = Object.fromEntries([...data.bodies, ...data.groups].map((p) => [p.id, p.name]));
const shown = (iso) => (iso ? iso.split('-').reverse().join('/') : '');
const byUrl = Object.fromEntries(data.tasks.map((t) => [t.url, t]));
for (const r of rows) {
  const t = byUrl[r[10]];
  if (!t) { problems.push(`a row for no task: ${r[0]} (${r[10]})`); continue; }
  if (!r[0].includes(t.id)) problems.push(`${t.ref}: the row's task is ${JSON.stringify(r[0])}`);
  want(`${t.ref} text`, r[2], t.text);
  want(`${t.ref} lead`, r[3], t.lead ? names[t.lead] : '');
  want(`${t.ref} deadline`, r[5], shown(t.due));
  want(`${t.ref} status`, r[7], labels.statuses[t.status]);
  want(`${t.ref} days overdue`, r[8], t.overdue_days == null ? '' : String(t.overdue_days));
}
if (problems.length) {
  console.error(`nhiem-vu.xlsx as LibreOffice reads it differs from data.json:\n${problems.slice(0, 20).join('\n')}`);
  process.exit(1);
}
console.log(`workbook: LibreOffice Calc read ${rows.length} rows, each equal to data.json's task`);
