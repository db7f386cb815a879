import { checkCharacter } from '../../../contract/records/national-id.js';

/**
 * A deterministic synthetic rural population: surnames in roughly their national frequency,
 * common given-name characters, real county codes, valid GB 11643 IDs and mobile numbers.
 */

// The most common surnames, most frequent first (they cover well over half of the population).
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'秀英华玉兰桂芳珍凤丽明国建军伟强平海林文志永春红梅兵涛斌成刚勇杰辉新东亮晓静燕霞娟敏金荣福贵德宝顺花莲琴云秋菊德全友才忠义清山水根生发旺喜庆福',
];
const VILLAGES = [...'东西南北上下前后'].flatMap((a) => [...'山河沟坪湾岭'].map((b) => `${a}${b}村`));
const COUNTIES = [
  '410523',
  '410526',
  '411523',
  '412721',
  '430524',
  '430621',
  '513723',
  '522422',
  '532129',
  '620421',
  '622421',
  '360726',
];

/** A small seeded generator, so every run builds the same population. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[], skew = 1): T => list[Math.floor(r() ** skew * list.length)]!;

export interface Person {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  nationalId: string;
  phone: string;
  village: string;
}

/** Builds person number `serial`; `used` keeps national IDs unique across the population. */
export function person(r: () => number, serial: number, used: Set<string>): Person {
  const sex = r() < 0.5 ? 'male' : 'female';
  const given = Array.from({ length: r() < 0.7 ? 2 : 1 }, () => pick(r, GIVEN)).join('');
  const year = 1930 + Math.floor(r() * 90);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const birthDate = `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // The sequence's last digit carries the sex; a taken number moves to the next sequence.
  const county = COUNTIES[serial % COUNTIES.length]!;
  const first17At = (seq: number) => `${county}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  let seq = Math.floor(r() * 400) * 2 + (sex === 'male' ? 1 : 0);
  while (used.has(first17At(seq))) seq = (seq + 2) % 1000;
  const first17 = first17At(seq);
  used.add(first17);
  return {
    name: pick(r, SURNAMES, 1.6) + given,
    sex,
    birthDate,
    nationalId: first17 + checkCharacter(first17),
    phone: `1${String(3 + Math.floor(r() * 7))}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
    village: pick(r, VILLAGES),
  };
}
