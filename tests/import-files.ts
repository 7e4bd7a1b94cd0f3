import ExcelJS from "exceljs";
import iconv from "iconv-lite";

// Spreadsheet files made in the test, as offices make them: CSV from Excel or WPS in UTF-8 (with
// or without BOM) or GBK, and XLSX workbooks.

/** One CSV line per row, fields quoted where they need it (RFC 4180), CRLF line ends like Excel. */
export function csvText(rows: (string | number)[][]): string {
  const quote = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return rows.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
}

export function csvBytes(rows: (string | number)[][], encoding: "utf-8" | "utf-8-bom" | "gbk" = "utf-8"): Uint8Array {
  const text = csvText(rows);
  if (encoding === "gbk") return new Uint8Array(iconv.encode(text, "gbk"));
  const body = Buffer.from(text, "utf8");
  return new Uint8Array(encoding === "utf-8-bom" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
}

export async function xlsxBytes(build: (sheet: ExcelJS.Worksheet) => void, sheetName = "清单"): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet(sheetName));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A small list the way Chongqing prints it, plus a district and capabilities. */
export const CHONGQING_HEADERS = ["场景类型", "序号", "场景机会名称", "单位名称", "合作需求", "联系方式", "所在区域", "技术能力"];

export function scenarioRows(n: number, start = 1): (string | number)[][] {
  const kinds = ["智能制造", "医疗健康", "城市治理", "文化旅游", "教育"];
  const modes = ["联合建设", "采购解决方案", "揭榜挂帅", "设备采购", "商业化运营"];
  const districts = ["江宁区", "鼓楼", "南京市建邺区", "江北新区", "栖霞区"];
  return Array.from({ length: n }, (_, i) => {
    const k = start + i;
    return [kinds[k % 5]!, k, `第${k}号智能场景：车间视觉质检与预测性维护`, `南京第${(k % 7) + 1}机械有限公司`, modes[k % 5]!, `张工 1380000${String(k % 10000).padStart(4, "0")}`, districts[k % 5]!, "机器视觉、大模型"];
  });
}
