import { defineMessages } from '../../define';

// What operations in lib/ report (refusals, invalid input, conflicts) about services: lib returns the key
// with msg() (lib/i18n/problem.ts) and the page or action translates it for the reader.
export const services = defineMessages({
  'zh-CN': {
    // Field errors of the application form (lib/services/form-schema.ts); `label` is a services.label reference.
    form: {
      choose: '请选择{label}',
      enter: '请填写{label}',
      enterFullAddress: '请填写完整的{label}（街道、门牌号）',
      tooLong: '{label}过长（最多 {max} 字）',
      tooShort: '{label}过短',
      invalidDate: '日期格式不正确',
      notInFuture: '{label}不能晚于今天',
      chooseOwnRecord: '请从您名下的记录中选择{label}',
      chooseDelivery: '请选择领取方式',
      mobile: '请填写 11 位手机号码，供快递员联系',
      email: '电子邮箱格式不正确',
      mailDistrict: '请选择邮寄地址所在区',
      street: '请填写街道和门牌号（如“中南路 88 号”）',
      // Not a problem: the stored delivery address of a counter pickup (shown on the case and status pages).
      counterPickup: '窗口领取',
    },
    // A service definition that does not hold together (the code catalogue and the designer).
    catalogue: {
      duplicateFieldName: '字段名重复',
      unknownDependency: '{field} 依赖的字段 {on} 不存在',
      selfDependency: '{field} 不能依赖自身',
      dependencyValue: '{field} 依赖的值 {value} 不是 {on} 的选项',
      duplicateDocumentCode: '材料代码重复',
      jurisdictionField: '受理地须为表单中的“区”字段',
      unknownCertificateKind: '未知的证件种类 {kind}',
      onlyWuhanDistricts: '办理地区须为武汉市的区',
      districtTwice: '办理地区重复',
      reservedFieldName: '此字段代码为系统保留',
    },
    // The service designer's publish (lib/services/publish-service.ts).
    designer: {
      atLeastItems: '至少需要 {n} 项',
      atLeast: '不能小于 {n}',
      atMostCharacters: '不能超过 {n} 个字',
      atMost: '不能大于 {n}',
      format: '格式不正确，见说明',
      validValue: '请填写有效的值',
      fromList: '请从列表中选择',
      notValid: '此项无效',
      correctAndPublish: '请修改标出的内容后再发布',
      idExists: '已有同一编号的事项',
      newerVersion: '此事项已有更新的版本，请重新打开后再修改',
    },
    // The catalogue's search (lib/services/catalogue-search.ts).
    search: {
      tooLong: '搜索词最多 {max} 个字，请缩短后再搜索',
    },
  },
  en: {
    form: {
      choose: 'Choose the {label}',
      enter: 'Enter the {label}',
      enterFullAddress: 'Enter the full {label} (street and number)',
      tooLong: 'The {label} is too long (at most {max} characters)',
      tooShort: 'The {label} is too short',
      invalidDate: 'Enter a valid date',
      notInFuture: 'The {label} cannot be in the future',
      chooseOwnRecord: 'Choose one of your own {label}',
      chooseDelivery: 'Choose how you receive the certificate',
      mobile: 'Enter an 11-digit mobile number for the courier',
      email: 'The e-mail address is not valid',
      mailDistrict: 'Choose the district of the mailing address',
      street: 'Enter the street and house number (e.g. “中南路 88 号”)',
      counterPickup: 'Counter pickup',
    },
    catalogue: {
      duplicateFieldName: 'Two fields have the same name',
      unknownDependency: '{field} depends on unknown field {on}',
      selfDependency: '{field} cannot depend on itself',
      dependencyValue: '{field} depends on a value ({value}) {on} does not offer',
      duplicateDocumentCode: 'Two documents have the same code',
      jurisdictionField: 'The deciding district must be a district field of the form',
      unknownCertificateKind: 'Unknown certificate kind {kind}',
      onlyWuhanDistricts: 'Only districts of Wuhan can be chosen',
      districtTwice: 'A district is listed twice',
      reservedFieldName: 'This field code is reserved by the form',
    },
    designer: {
      atLeastItems: 'Add at least {n}',
      atLeast: 'At least {n}',
      atMostCharacters: 'At most {n|# character|# characters}',
      atMost: 'At most {n}',
      format: 'Not in the form the hint asks for',
      validValue: 'Enter a valid value',
      fromList: 'Choose one of the listed values',
      notValid: 'This is not valid',
      correctAndPublish: 'Please correct the marked items and publish again',
      idExists: 'A service with this id exists already',
      newerVersion: 'A newer version was published meanwhile: open it again and redo your change',
    },
    search: {
      tooLong: 'Search for at most {max} characters: shorten it and search again',
    },
  },
});
