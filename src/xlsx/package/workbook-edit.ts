// The workbook-level parts a write changes: the sheet list and names (workbook.xml), its
// relationships, the content types, the document properties' list of sheet titles, and the
// styles. Each is edited as text where it changes and kept as it was everywhere else.
import { PackageEdit } from './package-edit';
import { dateStyles } from './read-cells';
import { relationshipsPart, resolveTarget } from './read-package';
import { StyleBook, minimalStyles } from './styles-edit';
import { Element, attr, child, children, decodeEntities, escapeXml, prefixOf, prefixFor, rootElement, setAttr, splice, Splice, appendChild } from './xml-edit';

const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const STYLES_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const RELS_TYPE = 'application/vnd.openxmlformats-package.relationships+xml';
const PACKAGE_RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TRANSITIONAL_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The order of a workbook's elements (CT_Workbook), for a definedNames or calcPr it lacks. */
const WORKBOOK_ORDER = [
  'fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups', 'externalReferences',
  'definedNames', 'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing',
  'fileRecoveryPr', 'webPublishObjects', 'extLst',
];

export interface SheetPart {
  name: string;
  /** Zip name of the sheet's part. */
  part: string;
}

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The target part resolved (zip name), when internal. */
  part: string;
}

/** The relative reference from one part to another ("worksheets/sheet2.xml"). */
export function relativeTarget(from: string, to: string): string {
  const base = from.split('/').slice(0, -1);
  const target = to.split('/');
  let common = 0;
  while (common < base.length && common < target.length - 1 && base[common] === target[common]) common++;
  return [...base.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}

/** A part's relationships, read from its text. */
export function parseRels(xml: string, source: string): Rel[] {
  const root = rootElement(xml);
  return children(xml, root.open, root.inner)
    .filter((e) => e.local === 'Relationship')
    .map((e) => {
      const tag = xml.slice(e.start, e.open);
      const target = attr(tag, 'Target') ?? '';
      const external = (attr(tag, 'TargetMode') ?? '').toLowerCase() === 'external';
      return { id: attr(tag, 'Id') ?? '', type: attr(tag, 'Type') ?? '', target, external, part: external ? '' : resolveTarget(source, target) };
    });
}

/** The relationships part's text with one more relationship. */
export function addRel(xml: string | null, rel: { id: string; type: string; target: string }): string {
  const text = xml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELS_NS}"></Relationships>`;
  const root = rootElement(text);
  const p = prefixOf(root.qname);
  return splice(text, [appendChild(text, root, `<${p}Relationship Id="${escapeXml(rel.id)}" Type="${escapeXml(rel.type)}" Target="${escapeXml(rel.target)}"/>`)]);
}

/** An id not used among the relationships: rId<n>. */
export function freeRelId(rels: Rel[]): string {
  const used = new Set(rels.map((r) => r.id));
  for (let n = rels.length + 1; ; n++) if (!used.has(`rId${n}`)) return `rId${n}`;
}

export class WorkbookParts {
  workbookXml: string;
  private readonly workbookPart: string;
  private relsXml: string;
  contentTypesXml: string;
  private appXml: string | null;
  private readonly appPart: string | null;
  readonly styles: StyleBook;
  private stylesPart: string | null;
  private readonly dirty = new Set<'workbook' | 'rels' | 'types' | 'app'>();
  private formulas = false;
  private stylesWritten = 0;

  constructor(private readonly edit: PackageEdit) {
    const pkg = edit.pkg;
    this.workbookPart = pkg.workbookPart;
    this.workbookXml = edit.text(this.workbookPart);
    const relsPart = relationshipsPart(this.workbookPart);
    this.relsXml = edit.exists(relsPart) ? edit.text(relsPart) : addRel(null, { id: 'x', type: '', target: '' }).replace(/<Relationship [^>]*\/>/, '');
    this.contentTypesXml = edit.text('[Content_Types].xml');
    const app = pkg.relationships('').find((r) => r.kind === 'extended-properties' && !r.external && pkg.has(r.target));
    this.appPart = app ? pkg.entry(app.target)!.name : null;
    this.appXml = this.appPart ? edit.text(this.appPart) : null;
    this.stylesPart = pkg.relatedPart(this.workbookPart, 'styles');
    this.styles = new StyleBook(this.stylesPart ? edit.text(this.stylesPart) : minimalStyles(this.namespace), dateStyles(pkg));
  }

  /** The workbook's own namespace (transitional or strict) for new sheets. */
  get namespace(): string {
    const root = rootElement(this.workbookXml);
    const tag = this.workbookXml.slice(root.start, root.open);
    const p = prefixOf(root.qname);
    return attr(tag, p ? `xmlns:${p.slice(0, -1)}` : 'xmlns') ?? 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  }

  rels(): Rel[] {
    return parseRels(this.relsXml, this.workbookPart);
  }

  /** The sheets in tab order, with their parts. */
  sheets(): SheetPart[] {
    const xml = this.workbookXml;
    const root = rootElement(xml);
    const sheets = child(xml, root, 'sheets');
    if (!sheets) return [];
    const rels = this.rels();
    return children(xml, sheets.open, sheets.inner)
      .filter((e) => e.local === 'sheet')
      .map((e) => {
        const tag = xml.slice(e.start, e.open);
        const id = /\s[\w.-]+:id\s*=\s*["']([^"']*)["']/.exec(tag)?.[1] ?? '';
        const rel = rels.find((r) => r.id === decodeEntities(id));
        return { name: attr(tag, 'name') ?? '', part: rel && !rel.external ? this.edit.stored(rel.part) : '' };
      });
  }

  sheet(name: string): SheetPart | undefined {
    const all = this.sheets();
    return all.find((s) => s.name === name) ?? all.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** The relationship type URI for a kind, in the workbook's own flavour (transitional or strict). */
  private relType(kind: string): string {
    const any = this.rels().find((r) => /\/worksheet$|\/styles$|\/theme$|\/sharedStrings$/.test(r.type));
    const base = any ? any.type.slice(0, any.type.lastIndexOf('/')) : `${TRANSITIONAL_RELS}`;
    return `${base}/${kind}`;
  }

  /** A free part name like xl/worksheets/sheet7.xml, beside the existing ones. */
  freePart(folder: string, stem: string, extension: string): string {
    const taken = new Set(this.edit.list().map((n) => n.toLowerCase()));
    for (let n = 1; ; n++) {
      const name = `${folder}${stem}${n}.${extension}`;
      if (!taken.has(name.toLowerCase())) return name;
    }
  }

  /** Adds a relationship from the workbook; returns its id. */
  relate(kind: string, part: string): string {
    const id = freeRelId(this.rels());
    this.relsXml = addRel(this.relsXml, { id, type: this.relType(kind), target: relativeTarget(this.workbookPart, part) });
    this.dirty.add('rels');
    return id;
  }

  /** Declares a part's content type (an override, unless its extension's default already says it). */
  declare(part: string, type: string): void {
    const xml = this.contentTypesXml;
    const root = rootElement(xml);
    const kids = children(xml, root.open, root.inner);
    const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
    const byDefault = kids.find((k) => k.local === 'Default' && (attr(xml.slice(k.start, k.open), 'Extension') ?? '').toLowerCase() === ext);
    const name = part.replace(/^\//, '').toLowerCase();
    // An override left behind for a part no longer in the file names it already: a second one for
    // the same name would make the package invalid, so that one is replaced.
    const stale = kids.filter((k) => k.local === 'Override' && (attr(xml.slice(k.start, k.open), 'PartName') ?? '').replace(/^\//, '').toLowerCase() === name);
    if (!stale.length && byDefault && attr(xml.slice(byDefault.start, byDefault.open), 'ContentType') === type) return;
    const p = prefixOf(root.qname);
    const override = `<${p}Override PartName="/${escapeXml(part)}" ContentType="${escapeXml(type)}"/>`;
    this.contentTypesXml = splice(xml, stale.length ? stale.map((k, i) => ({ start: k.start, end: k.end, text: i ? '' : override })) : [appendChild(xml, root, override)]);
    this.dirty.add('types');
  }

  /** The content type a part has now (override, else its extension's default). */
  typeOf(part: string): string | undefined {
    const xml = this.contentTypesXml;
    const root = rootElement(xml);
    const kids = children(xml, root.open, root.inner).map((k) => xml.slice(k.start, k.open));
    const override = kids.find((t) => /Override/.test(t.slice(0, 20)) && (attr(t, 'PartName') ?? '').replace(/^\//, '').toLowerCase() === part.toLowerCase());
    if (override) return attr(override, 'ContentType');
    const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
    const fallback = kids.find((t) => /Default/.test(t.slice(0, 20)) && (attr(t, 'Extension') ?? '').toLowerCase() === ext);
    return fallback ? attr(fallback, 'ContentType') : undefined;
  }

  /** Adds a sheet at the end of the workbook, pointing at `part` (already in the package). */
  addSheet(name: string, part: string): void {
    const rId = this.relate('worksheet', part);
    this.declare(part, WORKSHEET_TYPE);
    const xml = this.workbookXml;
    const root = rootElement(xml);
    const rootTag = xml.slice(root.start, root.open);
    const p = prefixOf(root.qname);
    const sheetsEl = child(xml, root, 'sheets');
    const existing = sheetsEl ? children(xml, sheetsEl.open, sheetsEl.inner).filter((e) => e.local === 'sheet').map((e) => xml.slice(e.start, e.open)) : [];
    const sheetId = Math.max(0, ...existing.map((t) => Number(attr(t, 'sheetId')) || 0)) + 1;
    // The relationships namespace under the prefix the existing sheets use for their id.
    const idAttr = existing.map((t) => /\s([\w.-]+):id\s*=/.exec(t)?.[1]).find(Boolean);
    const relNs = idAttr ? attr(rootTag, `xmlns:${idAttr}`) : undefined;
    const declared = prefixFor(rootTag, relNs ?? TRANSITIONAL_RELS);
    const ref = declared ? `${declared}id="${rId}"` : `xmlns:r="${relNs ?? TRANSITIONAL_RELS}" r:id="${rId}"`;
    const sheetXml = `<${p}sheet name="${escapeXml(name)}" sheetId="${sheetId}" ${ref}/>`;
    this.workbookXml = sheetsEl ? splice(xml, [appendChild(xml, sheetsEl, sheetXml)]) : splice(xml, [this.insertion(root, 'sheets', `<${p}sheets>${sheetXml}</${p}sheets>`)]);
    this.dirty.add('workbook');
    this.addTitle(name);
  }

  /** Where a missing workbook element goes, as a splice. */
  private insertion(root: Element, local: string, text: string): Splice {
    const order = WORKBOOK_ORDER.indexOf(local);
    let at = root.open;
    for (const el of children(this.workbookXml, root.open, root.inner)) {
      const k = WORKBOOK_ORDER.indexOf(el.local);
      if (k >= 0 && k <= order) at = el.end;
    }
    return { start: at, end: at, text };
  }

  /** The document properties' sheet titles and count, when they are there in Excel's layout. */
  private addTitle(name: string): void {
    const xml = this.appXml;
    if (!xml) return;
    const heading = /(<(?:\w+:)?HeadingPairs>\s*<(?:\w+:)?vector\b[^>]*>\s*<(?:\w+:)?variant>\s*<(?:\w+:)?lpstr>[^<]*<\/(?:\w+:)?lpstr>\s*<\/(?:\w+:)?variant>\s*<(?:\w+:)?variant>\s*<(?:\w+:)?i4>)(\d+)(<\/(?:\w+:)?i4>)/.exec(xml);
    const titles = /(<(?:\w+:)?TitlesOfParts>\s*<(?:\w+:)?vector\b[^>]*\bsize=")(\d+)("[^>]*>)/.exec(xml);
    if (!heading || !titles) return;
    const sheetsBefore = Number(heading[2]);
    // The new title goes after the last sheet title (the first `sheetsBefore` entries).
    const titlesStart = titles.index + titles[0].length;
    const lpstr = /<((?:\w+:)?)lpstr>[^<]*<\/(?:\w+:)?lpstr>/g;
    lpstr.lastIndex = titlesStart;
    let insertAt = titlesStart;
    let prefix = '';
    for (let i = 0; i < sheetsBefore; i++) {
      const m = lpstr.exec(xml);
      if (!m) return;
      insertAt = m.index + m[0].length;
      prefix = m[1];
    }
    const edits: Splice[] = [
      { start: heading.index + heading[1].length, end: heading.index + heading[1].length + heading[2].length, text: String(sheetsBefore + 1) },
      { start: titles.index + titles[1].length, end: titles.index + titles[1].length + titles[2].length, text: String(Number(titles[2]) + 1) },
      { start: insertAt, end: insertAt, text: `<${prefix}lpstr>${escapeXml(name)}</${prefix}lpstr>` },
    ];
    this.appXml = splice(xml, edits);
    this.dirty.add('app');
  }

  /** Workbook names: the given ones (workbook-wide, `formula` as written) set, `remove` deleted. */
  setNames(names: { name: string; formula: string; localSheetId?: number }[], remove: string[]): void {
    if (!names.length && !remove.length) return;
    const xml = this.workbookXml;
    const root = rootElement(xml);
    const p = prefixOf(root.qname);
    const list = child(xml, root, 'definedNames');
    // A workbook-wide name is replaced; a sheet's own name of the same name is another name.
    const gone = new Set([...remove, ...names.filter((n) => n.localSheetId === undefined).map((n) => n.name)].map((n) => n.toLowerCase()));
    const edits: Splice[] = [];
    if (list) {
      for (const e of children(xml, list.open, list.inner)) {
        const tag = xml.slice(e.start, e.open);
        if (e.local === 'definedName' && attr(tag, 'localSheetId') === undefined && gone.has((attr(tag, 'name') ?? '').toLowerCase())) edits.push({ start: e.start, end: e.end, text: '' });
      }
    }
    const added = names
      .map((n) => `<${p}definedName name="${escapeXml(n.name)}"${n.localSheetId !== undefined ? ` localSheetId="${n.localSheetId}"` : ''}>${escapeXml(n.formula)}</${p}definedName>`)
      .join('');
    if (added) {
      if (list) edits.push(appendChild(xml, list, added));
      else edits.push(this.insertion(root, 'definedNames', `<${p}definedNames>${added}</${p}definedNames>`));
    }
    this.workbookXml = splice(xml, edits);
    // An emptied list is not allowed: it goes.
    this.workbookXml = this.workbookXml.replace(/<((?:[\w.-]+:)?)definedNames>\s*<\/\1definedNames>/, '');
    this.dirty.add('workbook');
  }

  /** The names of a sheet (by its index), as written: for a copy of the sheet. */
  localNames(index: number): { name: string; formula: string }[] {
    const xml = this.workbookXml;
    const root = rootElement(xml);
    const list = child(xml, root, 'definedNames');
    if (!list) return [];
    return children(xml, list.open, list.inner)
      .filter((e) => e.local === 'definedName' && attr(xml.slice(e.start, e.open), 'localSheetId') === String(index))
      .map((e) => ({ name: attr(xml.slice(e.start, e.open), 'name') ?? '', formula: decodeEntities(xml.slice(e.open, e.inner)) }));
  }

  /** New formulas have no computed value yet: the spreadsheet computes the workbook when it opens. */
  recalculateOnOpen(): void {
    if (this.formulas) return;
    this.formulas = true;
    const xml = this.workbookXml;
    const root = rootElement(xml);
    const calc = child(xml, root, 'calcPr');
    const p = prefixOf(root.qname);
    this.workbookXml = calc
      ? splice(xml, [{ start: calc.start, end: calc.open, text: setAttr(xml.slice(calc.start, calc.open), 'fullCalcOnLoad', 1) }])
      : splice(xml, [this.insertion(root, 'calcPr', `<${p}calcPr fullCalcOnLoad="1"/>`)]);
    this.dirty.add('workbook');
  }

  /** Writes a relationships part, declaring its type when the package has no default for .rels
   * (some writers list every relationships part as an override instead). */
  putRelationships(part: string, xml: string): void {
    this.edit.put(part, xml);
    if (!this.typeOf(part)) this.declare(part, RELS_TYPE);
  }

  /** Writes what changed into the package. */
  flush(): void {
    const edit = this.edit;
    if (this.styles.additions > this.stylesWritten) {
      this.stylesWritten = this.styles.additions;
      if (!this.stylesPart) {
        // Where Excel keeps it: some readers (openpyxl, and pandas through it) look nowhere else,
        // whatever the relationship says.
        this.stylesPart = edit.exists('xl/styles.xml') ? this.freePart(this.workbookPart.slice(0, this.workbookPart.lastIndexOf('/') + 1), 'styles', 'xml') : 'xl/styles.xml';
        this.relate('styles', this.stylesPart);
        this.declare(this.stylesPart, STYLES_TYPE);
      }
      edit.put(this.stylesPart, this.styles.toXml());
    }
    if (this.dirty.has('workbook')) edit.put(this.workbookPart, this.workbookXml);
    if (this.dirty.has('rels')) this.putRelationships(relationshipsPart(this.workbookPart), this.relsXml);
    if (this.dirty.has('app') && this.appPart && this.appXml) edit.put(this.appPart, this.appXml);
    if (this.dirty.has('types')) edit.put('[Content_Types].xml', this.contentTypesXml);
    this.dirty.clear();
  }
}
