import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { csvBytes, xlsxBytes } from "../../tests/import-files";
import { parseCsv } from "./csv";
import { decodeText, MAX_IMPORT_BYTES, readSpreadsheet } from "./read.server";

describe("CSV (RFC 4180)", () => {
  it("handles quotes, doubled quotes, line breaks inside quotes and CRLF", () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","line 1\r\nline 2"\r\n1,,3\n4,5,6';
    expect(parseCsv(text)).toEqual({ ok: true, delimiter: ",", records: [["a", "b", "c"], ["x, y", 'say "hi"', "line 1\r\nline 2"], ["1", "", "3"], ["4", "5", "6"]] });
  });

  it("guesses tab and semicolon delimiters and reports an unclosed quote with its row", () => {
    expect(parseCsv("a\tb\n1\t2").ok && parseCsv("a\tb\n1\t2")).toMatchObject({ delimiter: "\t", records: [["a", "b"], ["1", "2"]] });
    expect(parseCsv("a;b\n1;2")).toMatchObject({ delimiter: ";" });
    expect(parseCsv('a,b\n1,2\n"3,4\n5,6')).toEqual({ ok: false, unclosedQuoteRecord: 3 });
  });
});

describe("encodings", () => {
  const rows = [["场景名称", "需求单位"], ["智能导诊", "南京市鼓楼医院"]];
  it("reads UTF-8 with and without BOM, and GBK, and says which it found", async () => {
    for (const [encoding, detected] of [["utf-8", "utf-8"], ["utf-8-bom", "utf-8-bom"], ["gbk", "gb18030"]] as const) {
      const read = await readSpreadsheet(csvBytes(rows, encoding));
      expect(read.ok && read.encoding).toBe(detected);
      expect(read.ok && read.grid.map((r) => r.cells)).toEqual(rows);
    }
  });

  it("refuses bytes that are neither UTF-8 nor GB18030, and binary files", () => {
    // 0x81 starts a two-byte GB18030 character and 0x20 cannot follow it; 0xFF is never valid.
    const broken = new Uint8Array([...Buffer.from("场景名称,单位\n"), 0x81, 0x20, 0xff, 0x0a]);
    expect(decodeText(broken)).toEqual({ ok: false, problem: { key: "import.error.encoding" } });
    expect(decodeText(new Uint8Array([0x61, 0x00, 0x62]))).toEqual({ ok: false, problem: { key: "import.error.binary" } });
    expect(decodeText(new Uint8Array(iconv.encode("单位", "gb18030")))).toMatchObject({ ok: true, text: "单位", encoding: "gb18030" });
  });

  it("refuses a file over the limit before reading it, and old .xls files", async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    expect(await readSpreadsheet(big)).toEqual({ ok: false, problem: { key: "import.error.tooLarge", values: { size: "20.0", max: 20 } } });
    expect(await readSpreadsheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toEqual({ ok: false, problem: { key: "import.error.xls" } });
  });
});

describe("XLSX", () => {
  it("fills a category merged down a column into each row, and keeps a merge across columns in its first column", async () => {
    const bytes = await xlsxBytes((ws) => {
      ws.addRow(["2025年度场景机会清单"]);
      ws.addRow(["场景类型", "序号", "场景名称", "场景描述"]);
      ws.addRow(["智能制造", 1, "视觉质检", "跨两列的描述"]);
      ws.addRow([null, 2, "预测性维护", "单列描述"]);
      ws.mergeCells("A1:D1");
      ws.mergeCells("A3:A4");
      ws.mergeCells("D3:E3");
    });
    const read = await readSpreadsheet(bytes);
    if (!read.ok) throw new Error(read.problem.key);
    expect(read.sheet).toBe("清单");
    expect(read.grid.map((r) => r.cells.slice(0, 5))).toEqual([
      ["2025年度场景机会清单", "", "", "", ""],
      ["场景类型", "序号", "场景名称", "场景描述", ""],
      ["智能制造", "1", "视觉质检", "跨两列的描述", ""],
      ["智能制造", "2", "预测性维护", "单列描述", ""],
    ]);
    expect(read.notes).toEqual([{ row: 3, col: 0, key: "import.warning.mergedFilled", values: { range: "A3:A4", rows: 2 } }]);
  });

  it("uses a formula's saved result, and refuses one that has none", async () => {
    const bytes = await xlsxBytes((ws) => {
      ws.addRow(["场景名称", "预算(万元)", "周期开始"]);
      ws.addRow(["视觉质检", { formula: "100+20", result: 120 }, new Date(Date.UTC(2025, 2, 1))]);
      ws.addRow(["预测性维护", { formula: "B2*2" }, null]);
    });
    const read = await readSpreadsheet(bytes);
    if (!read.ok) throw new Error(read.problem.key);
    expect(read.grid[1]!.cells).toEqual(["视觉质检", "120", "2025-03-01"]);
    expect(read.notes).toEqual([{ row: 2, col: 1, key: "import.warning.formula", values: undefined }]);
    expect(read.cellErrors).toEqual([{ row: 3, col: 1, key: "import.error.formulaNoResult", values: undefined }]);
  });
});

describe("XLSX zip bombs (issue 13 item 6)", () => {
  /** A real workbook whose sheet part is swapped for one that unpacks to `megabytes` MB of padding. */
  async function bomb(megabytes: number): Promise<Uint8Array> {
    const { default: JSZip } = await import("jszip");
    const zip = await JSZip.loadAsync(await xlsxBytes((ws) => ws.addRow(["场景名称"])));
    const sheet = Object.keys(zip.files).find((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))!;
    const xml = await zip.file(sheet)!.async("string");
    const padding = `<!--${"0".repeat(megabytes * 1024 * 1024)}-->`;
    zip.file(sheet, xml.replace("<sheetData>", `${padding}<sheetData>`));
    return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } }));
  }

  it("refuses a workbook whose sheet unpacks to far more than it weighs, before inflating it", async () => {
    const bytes = await bomb(16);
    expect(bytes.byteLength).toBeLessThan(200 * 1024);
    const started = performance.now();
    expect(await readSpreadsheet(bytes)).toEqual({ ok: false, problem: { key: "import.error.xlsxUnpacksTooBig" } });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("still reads an ordinary workbook", async () => {
    const read = await readSpreadsheet(await xlsxBytes((ws) => ws.addRow(["场景名称", "预算"])));
    expect(read.ok).toBe(true);
  });
});
