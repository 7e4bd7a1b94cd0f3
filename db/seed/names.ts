// People, vendor brands and 统一社会信用代码: the pieces every organisation and contact is made of.
import { creditCodeCheckCharacter } from "~/domain/credit-code";
import type { Rng } from "./random";

// Common surnames first and repeated, so that 王/李/张 turn up about as often as in a real list.
const SURNAMES = [
  "王", "李", "张", "刘", "陈", "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",
  "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭",
  "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈",
  "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "顾", "钱", "严", "戴",
] as const;

const GIVEN = [
  "建华", "敏", "静", "伟", "芳", "娜", "秀英", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
  "明", "超", "秀兰", "霞", "平", "刚", "志强", "晓东", "雪梅", "海燕", "文博", "子涵", "思远", "宇航",
  "欣怡", "浩然", "雨萱", "俊杰", "婷婷", "国庆", "建国", "红梅", "立新", "卫东", "晓明", "丹", "鹏",
  "晨", "琳", "颖", "斌", "昊", "蕾", "宁", "佳怡", "振华", "春燕", "德明", "永强", "亚楠", "梦婷",
] as const;

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

/** How people are listed as contacts: a full name, or a surname with a title (王主任, 张工, 李老师). */
export function contactName(rng: Rng, titles: readonly string[]): string {
  return rng.chance(0.5) ? personName(rng) : rng.pick(SURNAMES) + rng.pick(titles);
}

export function phoneNumber(rng: Rng): string {
  if (rng.chance(0.6)) return `025-8${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
  return `1${rng.pick(["3", "5", "7", "8", "9"])}${String(rng.int(0, 999_999_999)).padStart(9, "0")}`;
}

/** Brand syllables with their pinyin: vendor names, product names and 备案号 are built from them. */
export const BRANDS: readonly (readonly [zh: string, pinyin: string])[] = [
  ["云启", "Yunqi"], ["慧眼", "Huiyan"], ["智谷", "Zhigu"], ["星河", "Xinghe"], ["深思", "Shensi"],
  ["灵犀", "Lingxi"], ["数衡", "Shuheng"], ["天枢", "Tianshu"], ["璇玑", "Xuanji"], ["紫金", "Zijin"],
  ["钟山", "Zhongshan"], ["石城", "Shicheng"], ["扬子", "Yangzi"], ["睿图", "Ruitu"], ["擎天", "Qingtian"],
  ["青鸾", "Qingluan"], ["知行", "Zhixing"], ["明镜", "Mingjing"], ["瀚海", "Hanhai"], ["博远", "Boyuan"],
  ["鸿图", "Hongtu"], ["聚智", "Juzhi"], ["凌云", "Lingyun"], ["极光", "Jiguang"], ["九章", "Jiuzhang"],
  ["格物", "Gewu"], ["致知", "Zhizhi"], ["弘毅", "Hongyi"], ["开物", "Kaiwu"], ["长风", "Changfeng"],
  ["行远", "Xingyuan"], ["若水", "Ruoshui"], ["澄明", "Chengming"], ["启明", "Qiming"], ["天工", "Tiangong"],
  ["鲸智", "Jingzhi"], ["蓝鲸", "Lanjing"], ["银杏", "Yinxing"], ["梧桐", "Wutong"], ["金箔", "Jinbo"],
  ["云锦", "Yunjin"], ["秦风", "Qinfeng"], ["汇通", "Huitong"], ["融智", "Rongzhi"], ["联创", "Lianchuang"],
  ["芯智", "Xinzhi"], ["数智", "Shuzhi"], ["智擎", "Zhiqing"], ["神行", "Shenxing"], ["极目", "Jimu"],
  ["远瞳", "Yuantong"], ["睿视", "Ruishi"], ["听风", "Tingfeng"], ["语界", "Yujie"], ["声动", "Shengdong"],
  ["智臻", "Zhizhen"], ["问道", "Wendao"], ["思源", "Siyuan"], ["汇智", "Huizhi"], ["诺达", "Nuoda"],
  ["恒悦", "Hengyue"], ["润泽", "Runze"], ["乘风", "Chengfeng"], ["领航", "Linghang"], ["飞鸿", "Feihong"],
  ["翼展", "Yizhan"], ["鹰眼", "Yingyan"], ["天穹", "Tianqiong"], ["云帆", "Yunfan"], ["星图", "Xingtu"],
  ["朗润", "Langrun"], ["明德", "Mingde"], ["新元", "Xinyuan"], ["同创", "Tongchuang"], ["博数", "Boshu"],
  ["合光", "Heguang"], ["晶曜", "Jingyao"], ["泊舟", "Bozhou"], ["方圆", "Fangyuan"], ["锦程", "Jincheng"],
  ["江海", "Jianghai"], ["金川", "Jinchuan"], ["白鹭", "Bailu"], ["青溪", "Qingxi"], ["乌衣", "Wuyi"],
  ["桃叶", "Taoye"], ["燕矶", "Yanji"], ["莫愁", "Mochou"], ["牛首", "Niushou"], ["方山", "Fangshan"],
  ["幕府", "Mufu"], ["灵谷", "Linggu"], ["万象", "Wanxiang"], ["知微", "Zhiwei"], ["观澜", "Guanlan"],
];

export type CreditKind = "government" | "institution" | "social" | "company";

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const DIGITS = "0123456789";
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
// Registration authority + category: 11 机关, 12 事业单位, 52 民办非企业单位, 91 企业.
const PREFIX: Record<CreditKind, string> = { government: "11", institution: "12", social: "52", company: "91" };

/** GB 11714 check character of the embedded 9-character organisation code. */
function organisationCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i]!;
    const value = ch >= "0" && ch <= "9" ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += value * ORG_CODE_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

function draw(rng: Rng, alphabet: string, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[rng.int(0, alphabet.length - 1)]!;
  return s;
}

/**
 * A valid, unused 统一社会信用代码 for an organisation registered in `regionCode`: the shapes
 * mirror real ones (companies registered since 2015 carry MA…, 民非 MJ…, public bodies digits).
 */
export function makeCreditCode(rng: Rng, kind: CreditKind, regionCode: string, used: Set<string>): string {
  for (;;) {
    const body =
      kind === "company"
        ? "MA" + draw(rng, ALPHABET, 6)
        : kind === "social"
          ? "MJ" + draw(rng, ALPHABET, 6)
          : kind === "government"
            ? "0" + draw(rng, DIGITS, 7)
            : "466" + draw(rng, DIGITS, 5);
    const first17 = PREFIX[kind] + regionCode + body + organisationCodeCheck(body);
    const code = first17 + creditCodeCheckCharacter(first17);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}
