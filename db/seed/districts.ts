// Where organisations are: district codes (positions 3–8 of a 统一社会信用代码) and the streets and
// communities that demand-side names are built from.
import type { District } from "~/domain/vocabulary";

export interface DistrictInfo {
  /** Administrative division code. 江北新区 is not a county-level division; 320191 is what its registrations use. */
  code: string;
  streets: readonly string[];
}

export const DISTRICT_INFO: Record<District, DistrictInfo> = {
  玄武区: {
    code: "320102",
    streets: ["梅园新村街道", "新街口街道", "玄武门街道", "锁金村街道", "红山街道", "孝陵卫街道", "玄武湖街道"],
  },
  秦淮区: {
    code: "320104",
    streets: [
      "秦虹街道", "夫子庙街道", "红花街道", "双塘街道", "中华门街道", "五老村街道",
      "洪武路街道", "大光路街道", "瑞金路街道", "月牙湖街道", "光华路街道", "朝天宫街道",
    ],
  },
  建邺区: { code: "320105", streets: ["南苑街道", "兴隆街道", "沙洲街道", "双闸街道", "莫愁湖街道", "江心洲街道"] },
  鼓楼区: {
    code: "320106",
    streets: [
      "宁海路街道", "华侨路街道", "湖南路街道", "中央门街道", "挹江门街道", "江东街道", "凤凰街道",
      "阅江楼街道", "热河南路街道", "幕府山街道", "建宁路街道", "宝塔桥街道", "小市街道",
    ],
  },
  浦口区: { code: "320111", streets: ["江浦街道", "桥林街道", "汤泉街道", "星甸街道", "永宁街道"] },
  栖霞区: {
    code: "320113",
    streets: ["尧化街道", "马群街道", "迈皋桥街道", "燕子矶街道", "仙林街道", "栖霞街道", "龙潭街道", "八卦洲街道", "西岗街道"],
  },
  雨花台区: { code: "320114", streets: ["雨花街道", "赛虹桥街道", "西善桥街道", "板桥街道", "铁心桥街道", "梅山街道", "古雄街道"] },
  江宁区: {
    code: "320115",
    streets: ["东山街道", "秣陵街道", "汤山街道", "淳化街道", "禄口街道", "江宁街道", "谷里街道", "湖熟街道", "横溪街道", "麒麟街道"],
  },
  六合区: { code: "320116", streets: ["雄州街道", "龙池街道", "金牛湖街道", "横梁街道", "程桥街道", "马鞍街道", "冶山街道", "竹镇镇"] },
  溧水区: { code: "320117", streets: ["永阳街道", "柘塘街道", "东屏街道", "石湫街道", "洪蓝街道", "白马镇", "晶桥镇", "和凤镇"] },
  高淳区: { code: "320118", streets: ["淳溪街道", "古柏街道", "阳江镇", "砖墙镇", "漆桥街道", "固城街道", "东坝街道", "桠溪街道"] },
  江北新区: { code: "320191", streets: ["泰山街道", "顶山街道", "沿江街道", "盘城街道", "大厂街道", "葛塘街道", "长芦街道"] },
};

/** Community (社区) names: combined with a district they make school, clinic and care-station names. */
export const COMMUNITIES = [
  "翠竹", "南湖", "月苑", "银城", "清凉", "丁家", "金域", "北圩", "梅花", "锦绣", "安德", "樱花",
  "紫竹", "春江", "龙江", "莲花", "华新", "秀山", "芳草", "明月", "湖滨", "翠屏", "虹苑", "玉兰",
  "宁南", "花园", "双和", "友谊", "朝阳", "万寿", "桃园", "长虹", "东苑", "西苑", "天润", "百合",
  "岔路", "青石", "彩虹", "和平", "东升", "新港", "清江", "滨江", "锦江", "银杏", "怡康", "望江",
  "鹏程", "丰盛", "景明", "兴贤", "文昌", "德盛", "明发", "龙华", "新城", "御道", "止马", "红梅",
] as const;

/** 南京市玄武区红山街道 → 红山街道 stays; used where a short place name reads better. */
export function streetStem(street: string): string {
  return street.replace(/(街道|镇)$/, "");
}
