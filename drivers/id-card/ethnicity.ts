/**
 * Ethnic group codes of GB 3304-1991, as the ID card stores them (two digits), with the name
 * printed on the card (the group's name without the 族 suffix, e.g. 汉 for 01). 01–56 are the
 * 56 recognised groups; 97 and 98 are GB 3304's "other" and "of foreign origin" entries.
 * Codes 01–56 cross-checked one by one against
 * bes2008/langx-java:langx-java/src/main/java/com/jn/langx/text/i18n/ChinaEthnic.java, which
 * numbers "other" and "foreign origin" 57/58; GB 3304 and the ID-card code in public readers
 * use 97/98, as here. Some vendor tables add codes outside GB 3304 (81 for one unrecognised
 * group); those are not standard and read as unknown.
 */
export const ETHNICITY_BY_CODE: Readonly<Record<string, string>> = {
  '01': '汉',
  '02': '蒙古',
  '03': '回',
  '04': '藏',
  '05': '维吾尔',
  '06': '苗',
  '07': '彝',
  '08': '壮',
  '09': '布依',
  '10': '朝鲜',
  '11': '满',
  '12': '侗',
  '13': '瑶',
  '14': '白',
  '15': '土家',
  '16': '哈尼',
  '17': '哈萨克',
  '18': '傣',
  '19': '黎',
  '20': '傈僳',
  '21': '佤',
  '22': '畲',
  '23': '高山',
  '24': '拉祜',
  '25': '水',
  '26': '东乡',
  '27': '纳西',
  '28': '景颇',
  '29': '柯尔克孜',
  '30': '土',
  '31': '达斡尔',
  '32': '仫佬',
  '33': '羌',
  '34': '布朗',
  '35': '撒拉',
  '36': '毛南',
  '37': '仡佬',
  '38': '锡伯',
  '39': '阿昌',
  '40': '普米',
  '41': '塔吉克',
  '42': '怒',
  '43': '乌孜别克',
  '44': '俄罗斯',
  '45': '鄂温克',
  '46': '德昂',
  '47': '保安',
  '48': '裕固',
  '49': '京',
  '50': '塔塔尔',
  '51': '独龙',
  '52': '鄂伦春',
  '53': '赫哲',
  '54': '门巴',
  '55': '珞巴',
  '56': '基诺',
  '97': '其他',
  '98': '外国血统',
};

/** The printed name for a code, or null for a code GB 3304 does not define. */
export const ethnicityOf = (code: string): string | null => ETHNICITY_BY_CODE[code] ?? null;
