"""Who usually issues a licence, for records that do not say."""

from __future__ import annotations

from hub.enums import LicenceKind

_CITIES = {  # Guangdong's prefecture-level divisions (first 4 digits of a division code)
    "4401": "广州市", "4402": "韶关市", "4403": "深圳市", "4404": "珠海市", "4405": "汕头市",
    "4406": "佛山市", "4407": "江门市", "4408": "湛江市", "4409": "茂名市", "4412": "肇庆市",
    "4413": "惠州市", "4414": "梅州市", "4415": "汕尾市", "4416": "河源市", "4417": "阳江市",
    "4418": "清远市", "4419": "东莞市", "4420": "中山市", "4451": "潮州市", "4452": "揭阳市",
    "4453": "云浮市",
}  # fmt: skip
_PROVINCES = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省", "31": "上海市", "32": "江苏省",
    "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
    "46": "海南省", "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省",
    "54": "西藏自治区", "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
}  # fmt: skip
_USUAL_ISSUERS = {
    LicenceKind.BUSINESS_LICENCE: "韶关市市场监督管理局",
    LicenceKind.PROPERTY_TITLE: "韶关市自然资源局",
    LicenceKind.PROJECT_REGISTRATION: "韶关市发展和改革局",
    LicenceKind.LAND_USE_PLANNING_PERMIT: "韶关市自然资源局",
    LicenceKind.PLANNING_PERMIT: "韶关市自然资源局",
    LicenceKind.CONSTRUCTION_PERMIT: "韶关市住房和城乡建设局",
}


def usual_issuer(kind: LicenceKind, number: str) -> str:
    """The authority that usually issues this licence: for an ID card the public security bureau
    of the holder's region (from the number's division code), otherwise the Shaoguan bureau."""
    if kind != LicenceKind.ID_CARD:
        return _USUAL_ISSUERS[kind]
    city = _CITIES.get(number[:4])
    if city:
        return f"{city}公安局"
    province = _PROVINCES.get(number[:2])
    return f"{province}公安机关" if province else "公安机关"
