// Makes examples/verkoop-2025.xlsx: the sample revenue sheet `npm start` works on, as a Dutch
// sales manager keeps one — a title, invoice lines with repeated customers, blank rows, amounts
// typed as text, an error, a totals row, and a second table pasted below. Deterministic.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('..', import.meta.url)));
let seed = 20250101;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];

const FIRST = ['Bakkerij', 'Installatiebedrijf', 'Drukkerij', 'Transport', 'Kapsalon', 'Tandartspraktijk', 'Bouwbedrijf', 'Hoveniersbedrijf', 'Autobedrijf', 'Architectenbureau', 'Brasserie', 'Groothandel', 'Accountantskantoor', 'Fietsenmaker', 'Zorggroep'];
const LAST = ['Jansen', 'De Vries', 'Van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'De Boer', 'Mulder', 'De Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Dekker', 'Van Leeuwen'];
const SUFFIX = ['', ' BV', ' & Zn', ' Holding', ' NV', ''];
const REGIONS = ['Noord', 'Oost', 'Zuid', 'West', 'Randstad'];

const customers = Array.from(new Set(Array.from({ length: 400 }, () => `${pick(FIRST)} ${pick(LAST)}${pick(SUFFIX)}`))).slice(0, 180);
const region = new Map(customers.map((c) => [c, pick(REGIONS)]));
// Product groups from a random stream of their own, so every other value stays as it was: each
// customer buys from two to four groups, so the plans' whitespace has something to show.
const GROUPS = ['Kantoorartikelen', 'Papier', 'Inkt en toner', 'Koffie en thee', 'Schoonmaak', 'Meubilair', 'Printers'];
let groupSeed = 7;
const groupRandom = () => ((groupSeed = (groupSeed * 1103515245 + 12345) % 2147483648) / 2147483648);
const buys = new Map(customers.map((c) => [c, GROUPS.filter(() => groupRandom() < 0.45).concat(GROUPS[Math.floor(groupRandom() * GROUPS.length)])]));
const groupOf = (customer: string) => {
  const own = buys.get(customer)!;
  return own[Math.floor(groupRandom() * own.length)];
};

const book = new ExcelJS.Workbook();
book.creator = 'Account Planner example';
const ws = book.addWorksheet('Verkoop 2025');
ws.addRow(['Omzet per factuur, 2024–2025']).font = { bold: true, size: 14 };
ws.addRow([]);
const header = ws.addRow(['Factuurnummer', 'Klant', 'Factuurdatum', 'Omzet (€)', 'Regio', 'Productgroep', 'Opmerking']);
header.font = { bold: true };
const lines = 3200;
let total = 0;
for (let i = 0; i < lines; i++) {
  // A few customers buy often and big: the Pareto shape of real sales
  const customer = customers[Math.floor(customers.length * random() ** 3.5)];
  const date = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 730) * 86400000);
  const amount = Math.round((200 + random() ** 3 * 24000) * 100) / 100;
  let value: ExcelJS.CellValue = amount;
  let note: string | null = null;
  if (i === 412) (value = 'n.v.t.'), (note = 'nog factureren');
  else if (i === 1777) (value = '1.250,00'), (note = 'handmatig ingevoerd');
  else if (i === 2500) value = { error: '#N/A' } as ExcelJS.CellErrorValue;
  else total += amount;
  // Now and then the same customer typed with other capitals or stray spaces
  const name = i % 97 === 0 ? ` ${customer.toUpperCase()} ` : customer;
  ws.addRow([100000 + i, name, date, value, region.get(customer), groupOf(customer), note]);
  if (i === 900 || i === 2100) ws.addRow([]);
}
const totals = ws.addRow([null, 'Totaal', null, { formula: `SUM(D4:D${ws.rowCount})`, result: total }]);
totals.font = { bold: true };
ws.addRow([]);
ws.addRow([]);
ws.addRow(['Regio', 'Verkoper']).font = { bold: true };
for (const [r, who] of [['Noord', 'Anouk'], ['Oost', 'Bram'], ['Zuid', 'Carla'], ['West', 'Daan'], ['Randstad', 'Eva']]) ws.addRow([r, who]);
ws.getColumn(2).width = 34;
ws.getColumn(3).width = 14;
ws.getColumn(3).numFmt = 'dd-mm-yyyy';
// Euros as a Dutch Excel formats them: the plans and the Pareto sheet show money the same way.
ws.getColumn(4).numFmt = '[$€-413] #,##0.00';
ws.getColumn(4).width = 14;
ws.views = [{ state: 'frozen', ySplit: 3, activeCell: 'B5' }];
await book.xlsx.writeFile(join(root, 'examples', 'verkoop-2025.xlsx'));
console.log(`examples/verkoop-2025.xlsx: ${lines} invoice lines, ${customers.length} customers`);
