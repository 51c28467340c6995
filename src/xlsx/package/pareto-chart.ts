// The Pareto chart as a native chart part: revenue per account as columns, the cumulative share
// as a line on a second axis from 0 to 100%, over the chart data the analysis writes. Its drawing
// frame is named so that a later analysis finds and replaces its own chart, never the user's.
import { ParetoChart, sheetRef } from '../../../shared/sheet-spec';
import { escapeXml } from './xml-edit';

export const CHART_NAME = 'AccountPlanner Pareto';

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
export const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const EMU_PER_PX = 9525;

const absolute = (sheet: string, region: ParetoChart['line']) => sheetRef(sheet, region).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');

const text = (value: string) => `<c:tx><c:v>${escapeXml(value)}</c:v></c:tx>`;

const axes = (catId: number, valId: number, position: 'l' | 'r', extra: string, deleteCategory: boolean) =>
  `<c:catAx><c:axId val="${catId}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="${deleteCategory ? 1 : 0}"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="${valId}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
  `<c:valAx><c:axId val="${valId}"/><c:scaling><c:orientation val="minMax"/>${extra}</c:scaling><c:delete val="0"/><c:axPos val="${position}"/>${position === 'l' ? '<c:majorGridlines/>' : ''}<c:numFmt formatCode="${position === 'r' ? '0%' : '#,##0'}" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="${catId}"/><c:crosses val="${position === 'r' ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;

/** The chart part. */
export function chartXml(chart: ParetoChart): string {
  const cat = `<c:cat><c:strRef><c:f>${escapeXml(absolute(chart.sheet, chart.categories))}</c:f></c:strRef></c:cat>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/>${text(chart.columnsLabel)}` +
    `<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>${cat}<c:val><c:numRef><c:f>${escapeXml(absolute(chart.sheet, chart.columns))}</c:f></c:numRef></c:val></c:ser>` +
    `<c:gapWidth val="50"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/><c:ser><c:idx val="1"/><c:order val="1"/>${text(chart.lineLabel)}` +
    `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="ED7D31"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>${cat}<c:val><c:numRef><c:f>${escapeXml(absolute(chart.sheet, chart.line))}</c:f></c:numRef></c:val><c:smooth val="0"/></c:ser>` +
    `<c:marker val="1"/><c:axId val="1003"/><c:axId val="1004"/></c:lineChart>` +
    axes(1001, 1002, 'l', '', false) +
    axes(1003, 1004, 'r', '<c:max val="1"/><c:min val="0"/>', true) +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** The chart's frame in a drawing: placed at the anchor cell, sized in pixels. */
export function chartAnchor(chart: ParetoChart, relId: string, id: number, prefix = 'xdr:', aPrefix = 'a:'): string {
  const x = prefix;
  const a = aPrefix;
  return (
    `<${x}oneCellAnchor><${x}from><${x}col>${chart.anchor.col}</${x}col><${x}colOff>0</${x}colOff><${x}row>${chart.anchor.row}</${x}row><${x}rowOff>0</${x}rowOff></${x}from>` +
    `<${x}ext cx="${chart.width * EMU_PER_PX}" cy="${chart.height * EMU_PER_PX}"/><${x}graphicFrame macro=""><${x}nvGraphicFramePr><${x}cNvPr id="${id}" name="${CHART_NAME}"/><${x}cNvGraphicFramePr/></${x}nvGraphicFramePr>` +
    `<${x}xfrm><${a}off x="0" y="0"/><${a}ext cx="0" cy="0"/></${x}xfrm><${a}graphic${a ? '' : ` xmlns="${A}"`}><${a}graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${R}" r:id="${relId}"/></${a}graphicData></${a}graphic></${x}graphicFrame><${x}clientData/></${x}oneCellAnchor>`
  );
}

/** A new drawing part holding one chart frame. */
export const drawingXml = (anchor: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}">${anchor}</xdr:wsDr>`;
